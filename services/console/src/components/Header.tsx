import { useState } from "preact/hooks";
import { lang, setLang, t } from "../i18n";
import { ask, canAsk } from "../notify";
import { away, isSupervisor, me, online, page, setAway } from "../store";

/** Who is signed in, presence (online / away), own load against capacity, language, logout. */
export function Header({ logout }: { logout: () => void }) {
  const who = me.value!;
  const [asking, setAsking] = useState(canAsk());
  return (
    <header class="top">
      <strong>Parley</strong>
      <nav class="pages" aria-label="Console">
        {(["inbox", "tickets", ...(isSupervisor() ? ["supervisor", "reports"] as const : [])] as const).map((p) => (
          <button type="button" id={"page-" + p} aria-current={page.value === p ? "page" : undefined}
            onClick={() => { page.value = p; }}>{t(`page.${p}`)}</button>
        ))}
      </nav>
      <span id="who" class={online.value ? "" : "offline"}>
        {online.value ? (who.name ? `${who.name} (${who.id})` : who.id) : t("offline")}
      </span>
      <span id="load" title={t("load", { load: who.load, capacity: who.capacity })}>
        {t("load", { load: who.load, capacity: who.capacity })}
      </span>
      <label class="presence">
        <select id="presence" value={away.value ? "away" : "online"} accessKey="p"
          onChange={(e) => setAway((e.target as HTMLSelectElement).value === "away")}>
          <option value="online">{t("online")}</option>
          <option value="away">{t("away")}</option>
        </select>
      </label>
      {asking ? <button type="button" id="notify" onClick={() => void ask().then(() => setAsking(false))}>{t("notifications")}</button> : null}
      <button type="button" id="lang" onClick={() => setLang(lang.value === "en" ? "zh-CN" : "en")}>{t("language")}</button>
      <button type="button" id="logout" onClick={logout}>{t("logout")}</button>
    </header>
  );
}

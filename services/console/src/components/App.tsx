import { useEffect } from "preact/hooks";
import { t } from "../i18n";
import { choose, current, isSupervisor, items, notice, open, page } from "../store";
import type { View } from "../types";
import { Compose } from "./Compose";
import { Details } from "./Details";
import { Header } from "./Header";
import { Inbox } from "./Inbox";
import { LiveVisitors } from "./LiveVisitors";
import { Reports } from "./Reports";
import { Supervisor } from "./Supervisor";
import { Thread } from "./Thread";
import { Tickets } from "./Tickets";

/**
 * Keyboard-first (docs/console.md): Alt+1..4 views, Alt+J/Alt+K next/previous conversation, Alt+R the reply box,
 * `/` the search box (outside text fields).
 */
function shortcut(e: KeyboardEvent) {
  const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement
    || e.target instanceof HTMLSelectElement;
  if (e.key === "/" && !typing && !e.altKey && !e.ctrlKey && !e.metaKey) {
    document.getElementById("search")?.focus();
    e.preventDefault();
    return;
  }
  if (!e.altKey || e.ctrlKey || e.metaKey) return;
  const views: View[] = isSupervisor() ? ["mine", "queued", "all", "closed"] : ["mine", "queued", "closed"];
  const n = Number(e.key);
  if (n >= 1 && n <= views.length) { choose(views[n - 1]); e.preventDefault(); return; }
  const key = e.key.toLowerCase();
  if (key === "j" || key === "k") {
    const list = items.value;
    const at = list.findIndex((i) => i.id === current.value);
    const to = list[Math.max(0, Math.min(list.length - 1, at + (key === "j" ? 1 : -1)))];
    if (to) void open(to.id);
    e.preventDefault();
  } else if (key === "r") {
    document.getElementById("text")?.focus();
    e.preventDefault();
  }
}

export function App({ logout }: { logout: () => void }) {
  useEffect(() => {
    document.addEventListener("keydown", shortcut);
    return () => document.removeEventListener("keydown", shortcut);
  }, []);
  const id = current.value;
  if (page.value !== "inbox") {
    return (
      <div class="console single">
        <Header logout={logout} />
        {notice.value ? <p id="notice" role="status" onClick={() => { notice.value = null; }}>{notice.value}</p> : null}
        {page.value === "tickets" ? <Tickets /> : page.value === "reports" ? <Reports /> : <Supervisor />}
      </div>
    );
  }
  return (
    <div class="console">
      <Header logout={logout} />
      <div class="left">
        <Inbox />
        <LiveVisitors />
      </div>
      <main class="conversation">
        {notice.value ? <p id="notice" role="status" onClick={() => { notice.value = null; }}>{notice.value}</p> : null}
        {id ? <Thread id={id} /> : <p class="pick">{t("pick")}</p>}
        {id ? <Compose id={id} /> : null}
      </main>
      {id ? <Details id={id} /> : <aside id="details" hidden />}
    </div>
  );
}

import { useEffect, useState } from "preact/hooks";
import * as api from "../api";
import { t } from "../i18n";
import type { LiveVisitor, PageView } from "../types";

/**
 * Who is on the tenant's site now (docs/widget.md, "Visitor tracking"), refreshed every 10 s: page, pages this
 * visit, device, country; a click shows the trail, Invite pops the text on their page.
 */
export function LiveVisitors() {
  const [visitors, setVisitors] = useState<LiveVisitor[]>([]);
  const [open, setOpen] = useState<Record<string, PageView[]>>({});
  const [text, setText] = useState(t("inviteText"));
  const [sent, setSent] = useState<Record<string, string>>({});
  const refresh = () => api.liveVisitors().then(setVisitors).catch(() => {});
  useEffect(() => {
    void refresh();
    const timer = setInterval(refresh, 10_000);
    return () => clearInterval(timer);
  }, []);
  const toggle = async (deviceId: string) => {
    if (open[deviceId]) { const { [deviceId]: _, ...rest } = open; setOpen(rest); return; }
    const pages = await api.livePages(deviceId).catch(() => []);
    setOpen({ ...open, [deviceId]: pages });
  };
  const invite = async (e: Event, deviceId: string) => {
    e.stopPropagation();
    const answer = await api.invite(deviceId, text).then(() => t("invited"))
      .catch((err: api.ApiError) => t("notInvited", { status: err.status }));
    setSent({ ...sent, [deviceId]: answer });
  };
  return (
    <section id="live" aria-label={t("liveTitle")}>
      <h2>{t("liveTitle")}</h2>
      <input id="invite-text" maxLength={300} aria-label="Invitation text" value={text}
        onInput={(e) => setText((e.target as HTMLInputElement).value)} />
      <ul id="visitors">
        {visitors.map((v) => (
          <li key={v.deviceId} data-device={v.deviceId} onClick={() => void toggle(v.deviceId)}>
            <div class="page">{v.title || v.url}</div>
            <div>{v.url} · {v.pages} {v.pages === 1 ? t("page") : t("pagesN")} · {v.device}{v.country ? " · " + v.country : ""}</div>
            <button type="button" onClick={(e) => void invite(e, v.deviceId)}>{sent[v.deviceId] ?? t("invite")}</button>
            {open[v.deviceId] ? (
              <ol class="trail">{open[v.deviceId].map((p) => <li>{(p.title || p.url) + " · " + new Date(p.viewedAt).toLocaleTimeString()}</li>)}</ol>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

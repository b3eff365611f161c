import { useEffect, useState } from "preact/hooks";
import * as api from "../api";
import { duration, t } from "../i18n";
import { notice } from "../store";
import type { AuditEntry, InboxItem, TeamOverview } from "../types";
import { visitorName } from "./Inbox";

/**
 * The supervisor view (docs/console.md, "Supervisor"): queues per group and agents now (refreshed every 5 s), the
 * waiting conversations with a menu to give one to an online agent, and the audit log with its filters.
 */
export function Supervisor() {
  const [team, setTeam] = useState<TeamOverview | null>(null);
  const [waiting, setWaiting] = useState<InboxItem[]>([]);
  const refresh = () => {
    api.overview().then(setTeam).catch((e: Error) => { notice.value = e.message; });
    api.inbox("queued", {}).then((p) => setWaiting(p.conversations)).catch(() => {});
  };
  useEffect(() => {
    refresh();
    const timer = setInterval(() => { if (!document.hidden) refresh(); }, 5000);
    return () => clearInterval(timer);
  }, []);
  const online = team?.agents.filter((a) => a.presence === "online" && a.load < a.capacity) ?? [];
  const assign = async (id: string, agent: string) => {
    await api.action(id, { action: "reassign", toAgent: agent }).catch((e: Error) => { notice.value = e.message; });
    refresh();
  };
  return (
    <div id="supervisor" class="page">
      <section class="panel">
        <h2>{t("queues")}</h2>
        <table id="queues">
          <thead><tr><th>{t("group")}</th><th>{t("waiting")}</th><th>{t("vip")}</th><th>{t("longestWait")}</th></tr></thead>
          <tbody>
            {team?.queues.map((q) => (
              <tr data-group={q.groupId ?? ""} class={q.waiting ? "busy" : ""}>
                <td>{q.name ?? q.groupId ?? t("noGroup")}</td><td class="num">{q.waiting}</td><td class="num">{q.vip}</td>
                <td class="num">{q.waiting ? duration(q.longestWaitSec) : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section class="panel">
        <h2>{t("agents")}</h2>
        <table id="agents">
          <thead><tr><th>{t("agents")}</th><th>{t("presence")}</th><th>{t("loadCol")}</th><th>{t("skills")}</th></tr></thead>
          <tbody>
            {team?.agents.map((a) => (
              <tr data-agent={a.id}>
                <td>{a.name ? `${a.name} (${a.id})` : a.id}</td>
                <td><span class={"dot " + a.presence} />{t(`presence.${a.presence}`)}</td>
                <td><meter min={0} max={Math.max(1, a.capacity)} value={a.load} /> {a.load}/{a.capacity}</td>
                <td>{a.skills.join(", ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section class="panel wide">
        <h2>{t("waitingNow")}</h2>
        <ul id="waiting">
          {waiting.map((c) => (
            <li data-id={c.id}>
              <span class="name">{visitorName(c.visitor)}</span>
              <span class="queue">{c.queue ? t("queuePlace", { position: c.queue.position, wait: duration(c.queue.waitingSec) }) : ""}</span>
              <span class="preview">{c.lastMessage?.text ?? ""}</span>
              <select aria-label={t("reassign")} value="" onChange={(e) => {
                const agent = (e.target as HTMLSelectElement).value;
                if (agent) void assign(c.id, agent);
              }}>
                <option value="">{t("assignTo")}</option>
                {online.map((a) => <option value={a.id}>{a.name ?? a.id} ({a.load}/{a.capacity})</option>)}
              </select>
            </li>
          ))}
          {waiting.length === 0 ? <li class="empty">{t("empty")}</li> : null}
        </ul>
      </section>
      <Audit />
    </div>
  );
}

function Audit() {
  const [filters, setFilters] = useState<Record<string, string>>({});
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const load = async (more: boolean) => {
    try {
      const page = await api.audit(filters, more ? next : null);
      setEntries(more ? [...entries, ...page.entries] : page.entries);
      setNext(page.nextBeforeId);
    } catch (e) {
      notice.value = (e as Error).message;
    }
  };
  useEffect(() => { void load(false); }, []);
  const field = (name: string, label: string) => (
    <input name={name} placeholder={label} aria-label={label} maxLength={128}
      onInput={(e) => setFilters({ ...filters, [name]: (e.target as HTMLInputElement).value.trim() })} />
  );
  return (
    <section class="panel wide" id="audit">
      <h2>{t("audit")}</h2>
      <form class="filters" onSubmit={(e) => { e.preventDefault(); void load(false); }}>
        {field("actor", t("actor"))}{field("action", t("action"))}{field("conversationId", t("conversation"))}
        <button>{t("searchAudit")}</button>
      </form>
      <table>
        <thead><tr><th>{t("when")}</th><th>{t("actor")}</th><th>{t("action")}</th><th>{t("conversation")}</th><th>{t("change")}</th></tr></thead>
        <tbody>
          {entries.map((e) => (
            <tr data-id={e.id}>
              <td>{new Date(e.at).toLocaleString()}</td><td>{e.actorKind} {e.actorId}</td><td>{e.action}</td>
              <td class="id">{e.conversationId ?? ""}</td>
              <td class="change">{e.note ?? ""} {e.after ? JSON.stringify(e.after).slice(0, 160) : ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {next ? <button type="button" class="more" onClick={() => void load(true)}>{t("more")}</button> : null}
    </section>
  );
}

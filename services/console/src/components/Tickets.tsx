import { useEffect, useState } from "preact/hooks";
import * as api from "../api";
import { t } from "../i18n";
import { me as who, notice } from "../store";
import type { Ticket, TicketEntry } from "../types";

const STATUSES = ["active", "open", "pending", "solved", "closed"] as const;

/** Tickets (docs/tickets.md): a filtered list, and one ticket with its thread, its changes and what can be changed. */
export function Tickets() {
  const [status, setStatus] = useState("active");
  const [mine, setMine] = useState(false);
  const [list, setList] = useState<Ticket[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const me = who.value?.id;
  const load = async (more: boolean) => {
    const filters: Record<string, string> = { sort: "updated_desc" };
    if (status) filters.status = status;
    if (mine && me) filters.assignee = me;
    try {
      const page = await api.tickets(filters, more ? next : null);
      setList(more ? [...list, ...page.tickets] : page.tickets);
      setNext(page.next);
    } catch (e) {
      notice.value = (e as Error).message;
    }
  };
  useEffect(() => { void load(false); }, [status, mine]);
  return (
    <div id="tickets" class="page split">
      <section class="ticket-list">
        <div class="filters">
          <select id="ticket-status" value={status} onChange={(e) => setStatus((e.target as HTMLSelectElement).value)}>
            <option value="">{t("anyStatus")}</option>
            {STATUSES.map((s) => <option value={s}>{t(`ticketStatus.${s}`)}</option>)}
          </select>
          <label><input type="checkbox" checked={mine} onChange={() => setMine(!mine)} /> {t("view.mine")}</label>
        </div>
        <ul>
          {list.map((tk) => (
            <li>
              <button type="button" data-id={tk.id} class={tk.id === open ? "active" : ""} onClick={() => setOpen(tk.id)}>
                <span class="row1"><strong>#{tk.id}</strong> {tk.subject}</span>
                <span class="meta">{t(`ticketStatus.${tk.status}`)} · {tk.priority} · {tk.assigneeId ?? "—"} · {new Date(tk.updatedAt).toLocaleString()}</span>
              </button>
            </li>
          ))}
          {list.length === 0 ? <li class="empty">{t("noTickets")}</li> : null}
        </ul>
        {next ? <button type="button" class="more" onClick={() => void load(true)}>{t("more")}</button> : null}
      </section>
      {open !== null ? <TicketDetail id={open} changed={() => void load(false)} /> : null}
    </div>
  );
}

function TicketDetail({ id, changed }: { id: number; changed: () => void }) {
  const [data, setData] = useState<{ ticket: Ticket; entries: TicketEntry[] } | null>(null);
  const [text, setText] = useState("");
  const [kind, setKind] = useState<"replies" | "notes">("notes");
  const reload = () => api.ticket(id).then(setData).catch((e: Error) => { notice.value = e.message; });
  useEffect(() => { void reload(); }, [id]);
  if (!data) return null;
  const tk = data.ticket;
  const change = async (body: Record<string, unknown>) => {
    await api.changeTicket(id, body).catch((e: Error) => { notice.value = e.message; });
    await reload();
    changed();
  };
  return (
    <section class="ticket-detail" id="ticket-detail">
      <h2>#{tk.id} {tk.subject}</h2>
      <dl class="ticket-fields">
        <dt>{t("requester")}</dt><dd>{tk.requesterName ?? tk.requesterId}</dd>
        <dt>{t("email")}</dt><dd>{tk.requesterEmail ?? "—"}</dd>
        <dt>{t("status")}</dt>
        <dd><select id="ticket-set-status" value={tk.status} onChange={(e) => void change({ status: (e.target as HTMLSelectElement).value })}>
          {STATUSES.filter((s) => s !== "active").map((s) => <option value={s}>{t(`ticketStatus.${s}`)}</option>)}
        </select></dd>
        <dt>{t("priority")}</dt>
        <dd><select value={tk.priority} onChange={(e) => void change({ priority: (e.target as HTMLSelectElement).value })}>
          {["low", "normal", "high", "urgent"].map((p) => <option value={p}>{p}</option>)}
        </select></dd>
        <dt>{t("assignee")}</dt>
        <dd><input id="ticket-assignee" value={tk.assigneeId ?? ""} maxLength={64}
          onChange={(e) => void change({ assigneeId: (e.target as HTMLInputElement).value.trim() || null })} /></dd>
        <dt>{t("created")}</dt><dd>{new Date(tk.createdAt).toLocaleString()}</dd>
        <dt>{t("conversation")}</dt><dd class="id">{tk.conversationId ?? "—"}</dd>
      </dl>
      <ol class="ticket-thread">
        {data.entries.map((e) => (
          <li class={"entry " + e.kind}>
            <span class="meta">{e.kind} · {e.authorId} · {new Date(e.createdAt).toLocaleString()}</span>
            {e.body ? <span class="text">{e.body}</span> : null}
            {e.change ? <span class="text">{JSON.stringify(e.change)}</span> : null}
          </li>
        ))}
      </ol>
      <form class="ticket-compose" onSubmit={async (ev) => {
        ev.preventDefault();
        if (!text.trim()) return;
        await api.ticketEntry(id, kind, text.trim()).catch((e: Error) => { notice.value = e.message; });
        setText("");
        await reload();
      }}>
        <select value={kind} onChange={(e) => setKind((e.target as HTMLSelectElement).value as "notes")}>
          <option value="notes">{t("privateTicketNote")}</option>
          <option value="replies">{t("replyToRequester")}</option>
        </select>
        <textarea id="ticket-text" value={text} maxLength={4000} onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} />
        <button>{kind === "notes" ? t("addTicketNote") : t("addReply")}</button>
      </form>
    </section>
  );
}

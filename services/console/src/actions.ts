// What the agent does besides reading: search, reply, notes, tickets, typing, actions, presence, dismissing alerts.
import * as api from "./api";
import { t as say } from "./i18n";
import { away, changed, current, found, items, notice, send, thread } from "./state";
import type { Part } from "./types";

export async function runSearch(q: string, more = false) {
  if (!q.trim()) { found.value = null; return; }
  try {
    const page = await api.search(q, more ? found.value?.results.next : null);
    const before = more && found.value ? found.value.results : null;
    found.value = { q, results: before ? { ...page, messages: [...before.messages, ...page.messages],
      conversations: before.conversations } : page };
  } catch (e) {
    notice.value = (e as Error).message;
  }
}

export function reply(text: string, parts?: Part[]) {
  const id = current.value;
  if (!id) return;
  const clientMsgId = crypto.randomUUID();
  thread(id).pending.set(clientMsgId, { text, parts });
  const frame: Record<string, unknown> = { type: "send", clientMsgId, conversationId: id, text };
  if (parts?.length) frame.attachments = parts.map((p) => p.id);
  if (!send(frame)) notice.value = say("offline");
  changed();
}

/** A private note in the conversation on screen (never sent to the visitor). */
export async function addNote(body: string) {
  const id = current.value;
  if (!id) return;
  try {
    const note = await api.addNote(id, body);
    thread(id).notes.push(note);
    changed();
  } catch (e) {
    notice.value = (e as Error).message;
  }
}

/** A ticket for the conversation on screen (its visitor as requester); the tickets view then shows it. */
export async function ticketFromConversation() {
  const id = current.value;
  if (!id) return;
  const t = thread(id);
  const row = items.value.find((i) => i.id === id);
  const visitor = t.visitor ?? (row ? { id: row.visitor.id, name: row.visitor.name } : undefined);
  const firstVisitorLine = t.messages.find((m) => m.sender.kind === "visitor" && m.text)?.text;
  const subject = (firstVisitorLine || say("conversation") + " " + id).slice(0, 200);
  try {
    const created = await api.createTicket({ subject, requesterId: visitor?.id ?? "unknown", requesterName: visitor?.name ?? undefined,
      conversationId: id });
    notice.value = say("ticketCreated", { id: created.id });
  } catch (e) {
    notice.value = (e as Error).message;
  }
}

let typingSent = 0;
export function typing(on: boolean) {
  const id = current.value;
  if (!id) return;
  const now = Date.now();
  if (on && now - typingSent < 3000) return;
  typingSent = on ? now : 0;
  send({ type: "typing", conversationId: id, state: on ? "on" : "off" });
}

export function act(action: "accept" | "close" | "reopen" | "transfer" | "reassign", extra: Record<string, string> = {}) {
  const id = current.value;
  if (id) send({ type: "action", ref: crypto.randomUUID(), conversationId: id, action, ...extra });
}

export function setAway(value: boolean) {
  away.value = value;
  send({ type: "presence", state: value ? "away" : "online" });
}

export function dismissAlert(id: string, seq: number) {
  const t = thread(id);
  t.alerts = t.alerts.filter((a) => a.seq !== seq);
  changed();
}

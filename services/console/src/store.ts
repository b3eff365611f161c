// The console's state and what changes it: the inbox of the chosen view (list API, kept live by socket frames),
// the threads opened (history API pages, live messages), and the socket. Components read the signals; `tick` is
// bumped whenever a thread (a plain mutable object) changes.
import { signal } from "@preact/signals";
import * as api from "./api";
import { belongs, byActivity, gapBefore, merge, withMessage } from "./inbox";
import { AgentSocket } from "./socket";
import type { Alert, Csat, Handoff, InboxItem, Me, Message, PageView, Part, ServerFrame, Status, View,
  VisitorProfile } from "./types";

export interface Thread {
  id: string;
  messages: Message[];
  /** Reached seq 1 (nothing older to load). */
  complete: boolean;
  loadingOlder: boolean;
  status?: Status;
  assigneeId?: string | null;
  handoff?: Handoff | null;
  unmatchedSkills?: string[];
  visitor?: VisitorProfile;
  visitorRead: number;
  typing: string | null;
  alerts: Alert[];
  csat?: Csat;
  pages?: PageView[];
  /** Sent, not yet acknowledged: clientMsgId -> what was sent. */
  pending: Map<string, { text: string; parts?: Part[] }>;
  readUpTo: number;
}

export const me = signal<Me | null>(null);
export const online = signal(false);
export const away = signal(false);
export const view = signal<View>("mine");
export const filters = signal<api.InboxFilters>({});
export const items = signal<InboxItem[]>([]);
export const next = signal<string | null>(null);
export const current = signal<string | null>(null);
export const tick = signal(0);
export const notice = signal<string | null>(null);

const threads = new Map<string, Thread>();
let socket: AgentSocket | null = null;
const supervises = () => !!me.value && (me.value.roles.includes("supervisor") || me.value.roles.includes("admin"));
export const isSupervisor = supervises;

export function thread(id: string): Thread {
  let t = threads.get(id);
  if (!t) {
    t = { id, messages: [], complete: false, loadingOlder: false, visitorRead: 0, typing: null, alerts: [],
      pending: new Map(), readUpTo: 0 };
    threads.set(id, t);
  }
  return t;
}
const changed = () => { tick.value++; };
const highest = (t: Thread) => (t.messages.length ? t.messages[t.messages.length - 1].seq : 0);

export function start(token: () => string, who: Me) {
  me.value = who;
  socket = new AgentSocket(token, onFrame, (up) => { online.value = up; if (up && away.value) setAway(true); });
  socket.open();
  void loadInbox();
  // Queue and supervisor views change with other agents' work: refreshed every 10 s besides the socket's frames.
  setInterval(() => { if (view.value !== "mine" && !document.hidden) void loadInbox(); }, 10_000);
  document.addEventListener("visibilitychange", () => { if (current.value) markRead(current.value); });
}

export async function loadInbox(more = false) {
  const asked = view.value;
  const page = await api.inbox(asked, filters.value, more ? next.value : null);
  if (asked !== view.value) return;
  items.value = more ? [...items.value, ...page.conversations.filter((c) => !items.value.some((i) => i.id === c.id))]
    : page.conversations;
  next.value = page.next;
}

export function choose(v: View) {
  view.value = v;
  items.value = [];
  next.value = null;
  void loadInbox();
}

export async function open(id: string) {
  current.value = id;
  items.value = items.value.map((i) => (i.id === id ? { ...i, unread: 0 } : i));
  const t = thread(id);
  const row = items.value.find((i) => i.id === id);
  if (row) { t.status = row.status; t.assigneeId = row.assignee?.id ?? null; }
  changed();
  const details = await api.conversation(id).catch(() => null);
  if (details) {
    t.status = details.status;
    t.assigneeId = details.assignee?.id ?? null;
    t.handoff = details.handoff;
    t.unmatchedSkills = details.unmatchedSkills;
    t.visitor = details.visitor;
    if (details.csat) t.csat = { conversationId: id, score: details.csat.score, comment: details.csat.comment, ts: Date.parse(details.csat.at) };
  }
  if (!t.messages.length) {
    const page = await api.history(id, { beforeSeq: (details?.lastSeq ?? 0) + 1 });
    t.messages = merge(t.messages, page.messages);
    t.complete = page.messages.length === 0 || page.messages[0].seq === 1;
  }
  changed();
  markRead(id);
  void loadPages(id);
}

/** One page further back; the thread keeps its scroll position (Thread.tsx). */
export async function loadOlder(id: string) {
  const t = thread(id);
  if (t.complete || t.loadingOlder || !t.messages.length) return;
  t.loadingOlder = true;
  changed();
  try {
    const page = await api.history(id, { beforeSeq: t.messages[0].seq });
    t.messages = merge(t.messages, page.messages);
    t.complete = page.messages.length === 0 || page.messages[0].seq === 1;
  } finally {
    t.loadingOlder = false;
    changed();
  }
}

async function loadPages(id: string) {
  const t = thread(id);
  const visitorId = t.visitor?.id ?? items.value.find((i) => i.id === id)?.visitor.id;
  if (!visitorId) return;
  t.pages = await api.visitorPages(visitorId).catch(() => t.pages);
  changed();
}
setInterval(() => { if (current.value && !document.hidden) void loadPages(current.value); }, 10_000);

/** The conversation on screen has been read up to its newest message: the visitor's chat shows "read". */
function markRead(id: string) {
  const t = threads.get(id);
  const top = t ? highest(t) : 0;
  if (!t || document.hidden || current.value !== id || top <= t.readUpTo) return;
  if (socket?.send({ type: "read", conversationId: id, seq: top })) t.readUpTo = top;
}

export function reply(text: string, parts?: Part[]) {
  const id = current.value;
  if (!id) return;
  const clientMsgId = crypto.randomUUID();
  thread(id).pending.set(clientMsgId, { text, parts });
  const frame: Record<string, unknown> = { type: "send", clientMsgId, conversationId: id, text };
  if (parts?.length) frame.attachments = parts.map((p) => p.id);
  if (!socket?.send(frame)) notice.value = "offline";
  changed();
}

let typingSent = 0;
export function typing(on: boolean) {
  const id = current.value;
  if (!id) return;
  const now = Date.now();
  if (on && now - typingSent < 3000) return;
  typingSent = on ? now : 0;
  socket?.send({ type: "typing", conversationId: id, state: on ? "on" : "off" });
}

export function act(action: "accept" | "close" | "reopen" | "transfer", extra: Record<string, string> = {}) {
  const id = current.value;
  if (id) socket?.send({ type: "action", ref: crypto.randomUUID(), conversationId: id, action, ...extra });
}

export function setAway(value: boolean) {
  away.value = value;
  socket?.send({ type: "presence", state: value ? "away" : "online" });
}

export function dismissAlert(id: string, seq: number) {
  const t = thread(id);
  t.alerts = t.alerts.filter((a) => a.seq !== seq);
  changed();
}

async function append(id: string, m: Message) {
  const t = thread(id);
  const gap = t.messages.length ? gapBefore(highest(t), m.seq) : null;
  if (gap) {
    const page = await api.history(id, { afterSeq: gap.afterSeq }, Math.min(500, gap.count)).catch(() => null);
    if (page) t.messages = merge(t.messages, page.messages);
  }
  if (t.messages.length || current.value === id) t.messages = merge(t.messages, [m]);
  items.value = withMessage(items.value, id, m, current.value === id && !document.hidden);
  if (current.value === id) markRead(id);
  changed();
}

function onFrame(frame: ServerFrame) {
  switch (frame.type) {
    case "welcome": {
      // After a reconnect: ask for what was missed in the threads we hold.
      const resume: Record<string, number> = {};
      for (const t of threads.values()) if (t.messages.length) resume[t.id] = highest(t);
      if (Object.keys(resume).length) socket?.send({ type: "resume", conversations: resume });
      void loadInbox();
      void api.me().then((m) => { me.value = m; }).catch(() => {});
      break;
    }
    case "message": {
      const t = thread(frame.conversationId);
      if (frame.sender.kind === "visitor") t.typing = null;
      void append(frame.conversationId, frame);
      break;
    }
    case "ack": {
      const t = thread(frame.conversationId);
      const sent = t.pending.get(frame.clientMsgId);
      t.pending.delete(frame.clientMsgId);
      const m: Message = { seq: frame.seq, id: frame.id, clientMsgId: frame.clientMsgId, ts: frame.ts,
        sender: { kind: "agent", id: me.value?.id ?? "", name: me.value?.name }, text: sent?.text ?? "", parts: sent?.parts };
      void append(frame.conversationId, m);
      break;
    }
    case "conversation": {
      const t = thread(frame.conversationId);
      t.status = frame.status;
      t.assigneeId = frame.assignee?.id ?? null;
      if (frame.handoff !== undefined) t.handoff = frame.handoff;
      if (frame.unmatchedSkills) t.unmatchedSkills = frame.unmatchedSkills;
      if (frame.visitor) t.visitor = frame.visitor;
      const who = me.value?.id ?? "";
      const listed = items.value.some((i) => i.id === frame.conversationId);
      const fits = belongs(view.value, frame.status, t.assigneeId, who, supervises());
      if (listed && !fits) items.value = items.value.filter((i) => i.id !== frame.conversationId);
      else if (listed) items.value = items.value.map((i) => (i.id === frame.conversationId
        ? { ...i, status: frame.status, assignee: frame.assignee ? { id: frame.assignee.id, name: frame.assignee.name ?? null } : null }
        : i)).sort(byActivity);
      else if (fits) {
        // Shown at once from the frame, then the list is read again for the full row.
        const now = new Date().toISOString();
        items.value = [{ id: frame.conversationId, status: frame.status, channel: "widget", groupId: null, priority: 0,
          assignee: frame.assignee ? { id: frame.assignee.id, name: frame.assignee.name ?? null } : null,
          visitor: { id: frame.visitor?.id ?? "", name: frame.visitor?.name ?? null, verified: !!frame.visitor?.verified },
          tags: [], lastMessage: null, unread: 0, lastActivityAt: now, createdAt: now }, ...items.value];
        void loadInbox();
      }
      changed();
      break;
    }
    case "typing":
      if (frame.participant.kind === "visitor") {
        thread(frame.conversationId).typing = frame.state === "on" ? frame.participant.name || "visitor" : null;
        changed();
      }
      break;
    case "read":
      if (frame.reader.kind === "visitor") {
        const t = thread(frame.conversationId);
        t.visitorRead = Math.max(t.visitorRead, frame.seq);
        changed();
      }
      break;
    case "alert":
      thread(frame.conversationId).alerts.push(frame);
      changed();
      break;
    case "csat":
      thread(frame.conversationId).csat = frame;
      changed();
      break;
    case "done":
      void api.me().then((m) => { me.value = m; }).catch(() => {});
      break;
    case "error":
      notice.value = frame.message;
      break;
    default:
      break;
  }
}

/** The reply being written (an alert's suggestion can be put here in one click). */
export const draft = signal("");

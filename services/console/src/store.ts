// The console's state and what changes it: the inbox of the chosen view (list API, kept live by socket frames),
// the threads opened (history API pages, live messages), and the socket. Components read the signals; `tick` is
// bumped whenever a thread (a plain mutable object) changes.
import { signal } from "@preact/signals";
import * as api from "./api";
import { belongs, byActivity, gapBefore, merge, withMessage } from "./inbox";
import type { Canned } from "./canned";
import { t as text } from "./i18n";
import { chime, desktop, titleBadge } from "./notify";
import { AgentSocket } from "./socket";
import type { Alert, Csat, Handoff, InboxItem, Me, Message, Note, PageView, Part, SearchResults, ServerFrame,
  Status, View, VisitorProfile } from "./types";

export interface Thread {
  id: string;
  messages: Message[];
  /** Reached seq 1 (nothing older to load). */
  complete: boolean;
  /** Opened at a search hit: newer messages exist that are not loaded yet (scrolling down loads them). */
  hasNewer: boolean;
  /** A message to bring into view and mark (a search hit); cleared once shown. */
  focusSeq: number | null;
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
  /** Private notes, oldest first (agents only). */
  notes: Note[];
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
/** The search on screen instead of the inbox list (null: none). */
export const found = signal<{ q: string; results: SearchResults } | null>(null);
/** The tenant's canned responses and the agent's own. */
export const canned = signal<Canned[]>([]);

const threads = new Map<string, Thread>();
let socket: AgentSocket | null = null;
const supervises = () => !!me.value && (me.value.roles.includes("supervisor") || me.value.roles.includes("admin"));
export const isSupervisor = supervises;

export function thread(id: string): Thread {
  let t = threads.get(id);
  if (!t) {
    t = { id, messages: [], complete: false, hasNewer: false, focusSeq: null, loadingOlder: false, visitorRead: 0, typing: null, alerts: [],
      notes: [], pending: new Map(), readUpTo: 0 };
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
  void api.cannedResponses().then((r) => { canned.value = r.cannedResponses; }).catch(() => {});
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
  badge();
}

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

/** The tab's title counts the unread visitor messages of the listed conversations. */
function badge() {
  titleBadge(items.value.reduce((sum, i) => sum + i.unread, 0));
}

export function choose(v: View) {
  found.value = null;
  view.value = v;
  items.value = [];
  next.value = null;
  void loadInbox();
}

export async function open(id: string) {
  const { t, lastSeq } = await show(id);
  // Another agent's conversation gets no live frames here: read it afresh each time it is opened.
  if (!t.messages.length || t.hasNewer || t.assigneeId !== me.value?.id) {
    const page = await api.history(id, { beforeSeq: lastSeq + 1 });
    t.messages = page.messages;
    t.complete = page.messages.length === 0 || page.messages[0].seq === 1;
    t.hasNewer = false;
  }
  changed();
  markRead(id);
}

/** Opens a conversation at one message (a search hit): the 50 messages around it, that one in view and marked. */
export async function openAt(id: string, seq: number) {
  const { t } = await show(id);
  if (!t.messages.some((m) => m.seq === seq)) {
    const page = await api.history(id, { afterSeq: Math.max(0, seq - 25) }, 50);
    t.messages = page.messages;
    t.complete = page.messages.length === 0 || page.messages[0].seq === 1;
    t.hasNewer = highest(t) < page.lastSeq;
  }
  t.focusSeq = seq;
  changed();
  markRead(id);
}

/** Puts a conversation on screen with what the sidebar shows; its messages are the caller's business. */
async function show(id: string): Promise<{ t: Thread; lastSeq: number }> {
  current.value = id;
  items.value = items.value.map((i) => (i.id === id ? { ...i, unread: 0 } : i));
  badge();
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
  void loadPages(id);
  void api.notes(id).then((r) => { t.notes = r.notes; changed(); }).catch(() => {});
  return { t, lastSeq: details?.lastSeq ?? highest(t) };
}

/** The next page of newer messages of a thread opened at a search hit. */
export async function loadNewer(id: string) {
  const t = thread(id);
  if (!t.hasNewer || t.loadingOlder) return;
  t.loadingOlder = true;
  try {
    const page = await api.history(id, { afterSeq: highest(t) }, 100);
    t.messages = merge(t.messages, page.messages);
    t.hasNewer = highest(t) < page.lastSeq;
  } finally {
    t.loadingOlder = false;
    changed();
  }
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

// The socket carries only the agent's own conversations: one of someone else's on screen is polled every 5 s.
setInterval(async () => {
  const id = current.value;
  const t = id ? threads.get(id) : undefined;
  if (!id || !t || document.hidden || t.hasNewer || t.assigneeId === me.value?.id || !t.messages.length) return;
  const page = await api.history(id, { afterSeq: highest(t) }, 100).catch(() => null);
  if (page?.messages.length) { t.messages = merge(t.messages, page.messages); changed(); }
}, 5_000);

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
  const gap = t.messages.length && !t.hasNewer ? gapBefore(highest(t), m.seq) : null;
  if (gap) {
    const page = await api.history(id, { afterSeq: gap.afterSeq }, Math.min(500, gap.count)).catch(() => null);
    if (page) t.messages = merge(t.messages, page.messages);
  }
  if (!t.hasNewer && (t.messages.length || current.value === id)) t.messages = merge(t.messages, [m]);
  const onScreen = current.value === id && !document.hidden;
  items.value = withMessage(items.value, id, m, onScreen);
  if (m.sender.kind === "visitor" && !onScreen) {
    chime();
    desktop(m.sender.name || text("visitor"), m.text, () => void open(id));
  }
  badge();
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
        if (view.value === "mine") {
          chime();
          desktop(text("newAssignment"), frame.visitor?.name ?? "", () => void open(frame.conversationId));
        }
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

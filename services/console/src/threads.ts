// Conversations on screen: opening one (its details, the newest page, or the page around a search hit), paging
// backwards and forwards, the visitor's pages, polling someone else's conversation, and read receipts.
import * as api from "./api";
import { merge } from "./inbox";
import { badge, changed, current, highest, items, me, send, thread, threads, type Thread } from "./state";

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
    t.history = { pastConversations: details.pastConversations, tickets: details.tickets };
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
export function markRead(id: string) {
  const t = threads.get(id);
  const top = t ? highest(t) : 0;
  if (!t || document.hidden || current.value !== id || top <= t.readUpTo) return;
  if (send({ type: "read", conversationId: id, seq: top })) t.readUpTo = top;
}

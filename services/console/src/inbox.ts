// Pure inbox and thread logic (no DOM, no network), unit-tested in inbox.test.ts.
import type { InboxItem, Message, View } from "./types";

/** Newest activity first, as the list API sorts (ties by id, descending). */
export function byActivity(a: InboxItem, b: InboxItem): number {
  const diff = Date.parse(b.lastActivityAt) - Date.parse(a.lastActivityAt);
  return diff !== 0 ? diff : a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/**
 * A live message on the list: the row shows it as its newest message and moves to the top; a visitor's message
 * counts as unread unless the conversation is on screen. Rows not in the list are left to the next list load.
 */
export function withMessage(items: InboxItem[], conversationId: string, m: Message, onScreen: boolean): InboxItem[] {
  const row = items.find((i) => i.id === conversationId);
  if (!row || (row.lastMessage && row.lastMessage.seq >= m.seq)) return items;
  const at = new Date(m.ts).toISOString();
  const updated: InboxItem = {
    ...row,
    lastMessage: { seq: m.seq, sender: m.sender, text: m.text.slice(0, 140), attachments: m.parts?.length ?? 0, at },
    lastActivityAt: at > row.lastActivityAt ? at : row.lastActivityAt,
    unread: onScreen || m.sender.kind !== "visitor" ? (onScreen ? 0 : row.unread) : row.unread + 1,
  };
  return [updated, ...items.filter((i) => i !== row)].sort(byActivity);
}

/** Whether a conversation in this state belongs in the view for this agent. */
export function belongs(view: View, status: string, assigneeId: string | null, me: string, supervises: boolean): boolean {
  switch (view) {
    case "mine": return status !== "closed" && assigneeId === me;
    case "queued": return status === "queued";
    case "closed": return status === "closed" && (supervises || assigneeId === me);
    case "all": return true;
  }
}

/** Messages merged by seq (a repeat replaces nothing), oldest first. */
export function merge(existing: Message[], incoming: Message[]): Message[] {
  const bySeq = new Map(existing.map((m) => [m.seq, m]));
  for (const m of incoming) if (!bySeq.has(m.seq)) bySeq.set(m.seq, m);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/** The seqs missing between what we hold and a newly arrived seq (to fetch before showing it in order). */
export function gapBefore(highest: number, arrived: number): { afterSeq: number; count: number } | null {
  return arrived > highest + 1 && highest > 0 ? { afterSeq: highest, count: arrived - highest - 1 } : null;
}

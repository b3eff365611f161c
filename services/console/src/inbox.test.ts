import { describe, expect, it } from "vitest";
import { belongs, byActivity, gapBefore, merge, withMessage } from "./inbox";
import type { InboxItem, Message } from "./types";

const item = (id: string, at: string, unread = 0): InboxItem => ({
  id, status: "assigned", channel: "widget", groupId: null, priority: 0, assignee: { id: "alice", name: null },
  visitor: { id: "v-" + id, name: null, verified: false }, tags: [], lastMessage: null, unread,
  lastActivityAt: at, createdAt: at,
});
const msg = (seq: number, kind: "visitor" | "agent", ts: number, text = "m" + seq): Message =>
  ({ seq, id: "id" + seq, sender: { kind, id: kind === "visitor" ? "v" : "alice" }, text, ts });

describe("inbox rows", () => {
  it("sorts newest activity first, ties by id descending", () => {
    const rows = [item("a", "2026-12-01T10:00:00Z"), item("c", "2026-12-01T11:00:00Z"), item("b", "2026-12-01T10:00:00Z")];
    expect(rows.sort(byActivity).map((r) => r.id)).toEqual(["c", "b", "a"]);
  });

  it("moves a row with a new visitor message to the top and counts it unread", () => {
    const rows = [item("a", "2026-12-01T11:00:00Z"), item("b", "2026-12-01T10:00:00Z", 2)];
    const after = withMessage(rows, "b", msg(5, "visitor", Date.parse("2026-12-01T12:00:00Z"), "hello"), false);
    expect(after.map((r) => r.id)).toEqual(["b", "a"]);
    expect(after[0].unread).toBe(3);
    expect(after[0].lastMessage?.text).toBe("hello");
  });

  it("does not count the conversation on screen, nor agents' messages, and ignores repeats", () => {
    const rows = [item("b", "2026-12-01T10:00:00Z", 1)];
    expect(withMessage(rows, "b", msg(2, "visitor", Date.now()), true)[0].unread).toBe(0);
    const agent = withMessage(rows, "b", msg(2, "agent", Date.now()), false);
    expect(agent[0].unread).toBe(1);
    expect(withMessage(agent, "b", msg(2, "visitor", Date.now()), false)).toBe(agent);
    expect(withMessage(rows, "zzz", msg(9, "visitor", Date.now()), false)).toBe(rows);
  });
});

describe("views", () => {
  it("puts conversations where the API would list them", () => {
    expect(belongs("mine", "assigned", "alice", "alice", false)).toBe(true);
    expect(belongs("mine", "closed", "alice", "alice", false)).toBe(false);
    expect(belongs("mine", "assigned", "bob", "alice", true)).toBe(false);
    expect(belongs("queued", "queued", null, "alice", false)).toBe(true);
    expect(belongs("closed", "closed", "bob", "alice", false)).toBe(false);
    expect(belongs("closed", "closed", "bob", "alice", true)).toBe(true);
  });
});

describe("threads", () => {
  it("merges pages by seq without duplicates", () => {
    const merged = merge([msg(3, "visitor", 3), msg(4, "agent", 4)], [msg(1, "visitor", 1), msg(3, "visitor", 3), msg(2, "agent", 2)]);
    expect(merged.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
  });

  it("finds the gap before a message that skipped seqs", () => {
    expect(gapBefore(4, 5)).toBeNull();
    expect(gapBefore(4, 8)).toEqual({ afterSeq: 4, count: 3 });
    expect(gapBefore(0, 8)).toBeNull();
  });
});

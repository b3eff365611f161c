// The console's engine: starts the agent socket and turns its frames into state (messages, conversation changes,
// typing, read receipts, alerts, ratings), keeps the inbox of the chosen view, and tells the agent (chime, desktop
// notification, title). The state itself is in state.ts; components import everything from here.
import * as api from "./api";
import { setAway } from "./actions";
import { belongs, byActivity, gapBefore, merge, withMessage } from "./inbox";
import { t as text } from "./i18n";
import { chime, desktop } from "./notify";
import { AgentSocket } from "./socket";
import { away, badge, canned, changed, current, filters, found, highest, isSupervisor, items, me, next, notice,
  online, send, thread, threads, useSocket, view } from "./state";
import { markRead, open } from "./threads";
import type { Me, Message, ServerFrame, View } from "./types";

export * from "./actions";
export * from "./state";
export * from "./threads";

export function start(token: () => string, who: Me) {
  me.value = who;
  const socket = new AgentSocket(token, onFrame, (up) => { online.value = up; if (up && away.value) setAway(true); });
  useSocket(socket);
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

let meTimer: ReturnType<typeof setTimeout> | undefined;
/** Reads the header's load again, once for a burst of changes. */
function refreshMe() {
  clearTimeout(meTimer);
  meTimer = setTimeout(() => void api.me().then((m) => { me.value = m; }).catch(() => {}), 300);
}

export function choose(v: View) {
  found.value = null;
  view.value = v;
  items.value = [];
  next.value = null;
  void loadInbox();
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
      if (Object.keys(resume).length) send({ type: "resume", conversations: resume });
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
      if (frame.assignee?.id === me.value?.id || t.assigneeId === me.value?.id) refreshMe();
      t.status = frame.status;
      t.assigneeId = frame.assignee?.id ?? null;
      if (frame.handoff !== undefined) t.handoff = frame.handoff;
      if (frame.unmatchedSkills) t.unmatchedSkills = frame.unmatchedSkills;
      if (frame.visitor) t.visitor = frame.visitor;
      const who = me.value?.id ?? "";
      const listed = items.value.some((i) => i.id === frame.conversationId);
      const fits = belongs(view.value, frame.status, t.assigneeId, who, isSupervisor());
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
      refreshMe();
      break;
    case "error":
      notice.value = frame.message;
      break;
    default:
      break;
  }
}

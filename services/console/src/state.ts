// The console's state: signals the components read, the threads held (plain mutable objects: `tick` is bumped when
// one changes) and the agent socket's sender. The modules that change it: store (socket frames, the inbox),
// threads (opening and paging conversations), actions (what the agent does).
import { signal } from "@preact/signals";
import type * as api from "./api";
import type { Canned } from "./canned";
import { titleBadge } from "./notify";
import type { AgentSocket } from "./socket";
import type { Alert, ConversationDetails, Csat, Handoff, InboxItem, Me, Message, Note, PageView, Part, SearchResults,
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
  /** The visitor's other conversations and tickets (from the conversation's details). */
  history?: Pick<ConversationDetails, "pastConversations" | "tickets">;
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
/** Which part of the console is on screen. */
export const page = signal<"inbox" | "tickets" | "supervisor" | "reports">("inbox");
/** The tenant's canned responses and the agent's own. */
export const canned = signal<Canned[]>([]);

/** Threads held, by conversation id. */
export const threads = new Map<string, Thread>();
let socket: AgentSocket | null = null;
const supervises = () => !!me.value && (me.value.roles.includes("supervisor") || me.value.roles.includes("admin"));
export const isSupervisor = supervises;

/** The agent socket the console holds (store.start opens it). */
export function useSocket(s: AgentSocket) {
  socket = s;
}

/** A frame on the agent socket; false when it is not open (the caller says so or retries). */
export function send(frame: Record<string, unknown>): boolean {
  return socket?.send(frame) ?? false;
}

export function thread(id: string): Thread {
  let t = threads.get(id);
  if (!t) {
    t = { id, messages: [], complete: false, hasNewer: false, focusSeq: null, loadingOlder: false, visitorRead: 0, typing: null, alerts: [],
      notes: [], pending: new Map(), readUpTo: 0 };
    threads.set(id, t);
  }
  return t;
}
export const changed = () => { tick.value++; };
export const highest = (t: Thread) => (t.messages.length ? t.messages[t.messages.length - 1].seq : 0);

/** The tab's title counts the unread visitor messages of the listed conversations. */
export function badge() {
  titleBadge(items.value.reduce((sum, i) => sum + i.unread, 0));
}

/** The reply being written (an alert's suggestion can be put here in one click). */
export const draft = signal("");

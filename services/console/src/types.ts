// The shapes the console reads: REST bodies (docs/openapi.yaml) and socket frames (docs/protocol.md).

export type Role = "agent" | "supervisor" | "admin";
export type Status = "open" | "queued" | "assigned" | "bot" | "closed";
export type View = "mine" | "queued" | "all" | "closed";

export interface Me { id: string; name: string | null; tenant: string | null; roles: Role[]; load: number; capacity: number }

export interface Participant { kind: "visitor" | "agent" | "bot" | "system"; id: string; name?: string | null }

export interface Part { type: "image" | "file"; id: string; name: string; contentType: string; size: number }

export interface InboxItem {
  id: string; status: Status; channel: string; groupId: string | null; priority: number;
  assignee: { id: string; name: string | null } | null;
  visitor: { id: string; name: string | null; verified: boolean };
  tags: string[];
  lastMessage: { seq: number; sender: Participant; text: string; attachments: number; at: string } | null;
  unread: number; lastActivityAt: string; createdAt: string;
  queue?: { position: number; waitingSec: number }; csat?: number;
}

export interface Message { seq: number; id: string; clientMsgId?: string; sender: Participant; text: string; ts: number; parts?: Part[] }

export interface Handoff { reason: string; topic?: string | null; summary?: string | null; [k: string]: unknown }

export interface VisitorProfile {
  id: string; name?: string | null; verified: boolean; claimedId?: string | null;
  attributes?: Record<string, { value: string | number | boolean; setAt: number }>;
}

export interface ConversationDetails {
  id: string; status: Status; channel: string; groupId: string | null; priority: number;
  assignee: { id: string; name: string | null } | null; visitor: VisitorProfile; handoff: Handoff | null;
  unmatchedSkills: string[]; tags: string[]; csat: { score: number; comment: string | null; at: string } | null;
  lastSeq: number; createdAt: string; firstResponseAt: string | null; closedAt: string | null;
  pastConversations: { id: string; status: Status; createdAt: string; lastActivityAt: string; csat: number | null }[];
  tickets: { id: number; subject: string; status: string; conversationId: string; createdAt: string }[];
}

export interface SearchHit {
  conversationId: string; seq: number; messageId: string; sender: Participant; at: string; snippet: string;
  highlights: [number, number][]; status: Status; visitor: { id: string; name: string | null; verified: boolean };
}

export interface SearchResults {
  terms: string[]; messages: SearchHit[]; next: string | null;
  conversations: { conversationId: string; status: Status; visitor: { id: string; name: string | null; verified: boolean };
    tags: string[]; matched: "name" | "email" | "attributes" | "tag"; lastActivityAt: string }[];
}

export interface Note { id: number; conversationId: string; authorId: string; authorName: string | null; body: string; afterSeq: number; createdAt: string }

export interface PageView { url: string; title?: string | null; viewedAt: string; [k: string]: unknown }

export interface LiveVisitor { deviceId: string; url: string; title?: string | null; pages: number; device: string; country?: string | null }

export interface Alert { conversationId: string; seq: number; kind: string; score: number; suggestion?: string | null }

export interface Csat { conversationId: string; score: number; comment?: string | null; ts: number }

export type ServerFrame =
  | { type: "welcome"; participant: Participant; conversations: { id: string; lastSeq: number; status: Status }[]; heartbeatSec: number }
  | ({ type: "message" } & Message & { conversationId: string })
  | { type: "ack"; clientMsgId: string; conversationId: string; id: string; seq: number; ts: number }
  | { type: "conversation"; conversationId: string; status: Status; assignee: Participant | null; position?: number;
      etaSec?: number; handoff?: Handoff; unmatchedSkills?: string[]; visitor?: VisitorProfile }
  | { type: "typing"; conversationId: string; participant: Participant; state: "on" | "off" }
  | { type: "read"; conversationId: string; reader: Participant; seq: number }
  | ({ type: "alert" } & Alert)
  | ({ type: "csat" } & Csat)
  | { type: "done"; ref: string; conversationId: string; status: Status; assignee: Participant | null }
  | { type: "error"; code: string; message: string; ref?: string | null }
  | { type: "pong"; t: number }
  | { type: "ticket"; [k: string]: unknown };

export interface TeamOverview {
  queues: { groupId: string | null; name: string | null; waiting: number; vip: number; longestWaitSec: number }[];
  agents: { id: string; name: string | null; presence: "online" | "away" | "offline"; load: number; capacity: number; skills: string[] }[];
  at: string;
}

export interface AuditEntry { id: number; at: string; actorKind: string; actorId: string; action: string;
  conversationId: string | null; before: unknown; after: unknown; note: string | null }

export interface Ticket { id: number; conversationId: string | null; subject: string; requesterId: string;
  requesterName: string | null; requesterEmail: string | null; status: "open" | "pending" | "solved" | "closed";
  priority: "low" | "normal" | "high" | "urgent"; assigneeId: string | null; groupId: string | null; tags: string[];
  createdAt: string; updatedAt: string }

export interface TicketEntry { id: number; kind: "reply" | "note" | "change"; authorKind: string; authorId: string;
  body: string | null; change: Record<string, unknown> | null; createdAt: string }

export interface ReportRow { key: string | null; name: string | null; opened: number; firstResponses: number;
  avgFirstResponseSec: number | null; closed: number; avgResolutionSec: number | null; csatCount: number;
  csatAverage: number | null; botStarted: number; botResolved: number; botHandoffs: number;
  botResolutionRate: number | null; handoffRate: number | null; firstResponseBreaches: number;
  resolutionBreaches: number; onlineSec: number; busySec: number; utilisation: number | null }

export interface Report { from: string; to: string; by: "day" | "group" | "agent"; rows: ReportRow[]; total: ReportRow }

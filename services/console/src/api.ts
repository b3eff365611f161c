// REST calls with the signed-in user's bearer token; errors carry the server's message (docs/openapi.yaml).
import type { AuditEntry, Report, TeamOverview, Ticket, TicketEntry } from "./types";
import type { ConversationDetails, InboxItem, LiveVisitor, Me, Message, Note, PageView, SearchResults, View } from "./types";

let token: () => string = () => "";
export function useToken(get: () => string) { token = get; }

export class ApiError extends Error {
  constructor(readonly status: number, message: string) { super(message); }
}

export async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  headers.set("Authorization", "Bearer " + token());
  if (init.body && !headers.has("Content-Type")) headers.set("Content-Type", "application/json");
  const response = await fetch(path, { ...init, headers });
  if (!response.ok) {
    const body = await response.json().catch(() => ({}));
    throw new ApiError(response.status, body.message || "HTTP " + response.status);
  }
  // 202 and 204 may come without a body.
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

const q = (params: Record<string, string | number | undefined | null>) =>
  new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== "")
    .map(([k, v]) => [k, String(v)])).toString();

export interface InboxFilters { status?: string; group?: string; tag?: string; channel?: string }

export const me = () => api<Me>("/api/v1/me");

export const inbox = (view: View, filters: InboxFilters, after?: string | null) =>
  api<{ conversations: InboxItem[]; next: string | null }>("/api/v1/conversations?" + q({ view, ...filters, after, limit: 50 }));

export const conversation = (id: string) => api<ConversationDetails>(`/api/v1/conversations/${encodeURIComponent(id)}`);

export const history = (id: string, page: { beforeSeq?: number; afterSeq?: number }, limit = 50) =>
  api<{ conversationId: string; messages: Message[]; lastSeq: number }>(
    `/api/v1/conversations/${encodeURIComponent(id)}/messages?` + q({ ...page, limit }));

export const search = (text: string, after?: string | null) =>
  api<SearchResults>("/api/v1/search?" + q({ q: text, after, limit: 20 }));

export const cannedResponses = () =>
  api<{ cannedResponses: import("./canned").Canned[] }>("/api/v1/canned-responses");

export const notes = (id: string) => api<{ notes: Note[] }>(`/api/v1/conversations/${encodeURIComponent(id)}/notes`);

export const addNote = (id: string, body: string) =>
  api<Note>(`/api/v1/conversations/${encodeURIComponent(id)}/notes`, { method: "POST", body: JSON.stringify({ body }) });

export const setTags = (id: string, tags: string[]) =>
  api<{ conversationId: string; tags: string[] }>(`/api/v1/conversations/${encodeURIComponent(id)}/tags`,
    { method: "PUT", body: JSON.stringify({ tags }) });

export const tagsInUse = () => api<{ tags: string[] }>("/api/v1/conversation-tags");

export const visitorPages = (visitorId: string) =>
  api<PageView[]>(`/api/v1/visitors/${encodeURIComponent(visitorId)}/pages`);

export const liveVisitors = () => api<LiveVisitor[]>("/api/v1/visitors/live");

export const livePages = (deviceId: string) =>
  api<PageView[]>(`/api/v1/visitors/live/${encodeURIComponent(deviceId)}/pages`);

export const invite = (deviceId: string, text: string) =>
  api<unknown>(`/api/v1/visitors/live/${encodeURIComponent(deviceId)}/invitation`,
    { method: "POST", body: JSON.stringify({ text }) });

export const overview = () => api<TeamOverview>("/api/v1/supervisor/overview");

export const audit = (filters: Record<string, string>, beforeId?: number | null) =>
  api<{ entries: AuditEntry[]; nextBeforeId: number | null }>("/api/v1/admin/audit?" + q({ ...filters, beforeId, limit: 50 }));

/** An action over REST (the supervisor view acts on conversations that are not on its socket). */
export const action = (id: string, body: Record<string, string>) =>
  api<unknown>(`/api/v1/conversations/${encodeURIComponent(id)}/actions`, { method: "POST", body: JSON.stringify(body) });

export const tickets = (filters: Record<string, string>, after?: string | null) =>
  api<{ tickets: Ticket[]; next: string | null }>("/api/v1/tickets?" + q({ ...filters, after, limit: 25 }));

export const ticket = (id: number) => api<{ ticket: Ticket; entries: TicketEntry[] }>(`/api/v1/tickets/${id}`);

export const changeTicket = (id: number, change: Record<string, unknown>) =>
  api<Ticket>(`/api/v1/tickets/${id}`, { method: "PATCH", body: JSON.stringify(change) });

export const ticketEntry = (id: number, kind: "notes" | "replies", body: string) =>
  api<unknown>(`/api/v1/tickets/${id}/${kind}`, { method: "POST", body: JSON.stringify({ body }) });

export const createTicket = (body: Record<string, unknown>) =>
  api<Ticket>("/api/v1/tickets", { method: "POST", body: JSON.stringify(body) });

export const report = (params: Record<string, string>) => api<Report>("/api/v1/reports/summary?" + q(params));

/** The report as CSV, downloaded with the token (never a token in a URL). */
export async function reportCsv(params: Record<string, string>): Promise<Blob> {
  const response = await fetch("/api/v1/reports/summary?" + q({ ...params, format: "csv" }),
    { headers: { Authorization: "Bearer " + token() } });
  if (!response.ok) throw new ApiError(response.status, "HTTP " + response.status);
  return response.blob();
}

-- Tickets (工单): created from offline messages or by an agent from a conversation. Written by the gateway's
-- ticket API; the schema lives here with the rest of the database.
CREATE TABLE ticket (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id       text NOT NULL REFERENCES tenant (id),
    conversation_id text REFERENCES conversation (id),
    subject         text NOT NULL,
    requester_id    text NOT NULL,
    requester_name  text,
    status          text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'pending', 'solved', 'closed')),
    priority        text NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
    assignee_id     text,
    group_id        text,
    tags            text[] NOT NULL DEFAULT '{}',
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);

-- The list's filters, each ending in the keyset sort (created_at, id), so a page is an index range scan:
-- an agent's queue by status ...
CREATE INDEX ticket_by_status_assignee ON ticket (tenant_id, status, assignee_id, created_at DESC, id DESC);
-- ... the open work of a tenant (most lists), small because solved and closed tickets are left out ...
CREATE INDEX ticket_open ON ticket (tenant_id, created_at DESC, id DESC) WHERE status IN ('open', 'pending');
-- ... a group's tickets, everything by date, and tags (array containment).
CREATE INDEX ticket_by_group ON ticket (tenant_id, group_id, created_at DESC, id DESC);
CREATE INDEX ticket_by_created ON ticket (tenant_id, created_at DESC, id DESC);
CREATE INDEX ticket_tags ON ticket USING gin (tags);

-- The ticket's thread and history: public replies (also sent to the conversation), private notes, and
-- field changes (before/after).
CREATE TABLE ticket_entry (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ticket_id   bigint NOT NULL REFERENCES ticket (id) ON DELETE CASCADE,
    kind        text NOT NULL CHECK (kind IN ('reply', 'note', 'change')),
    author_kind text NOT NULL,
    author_id   text NOT NULL,
    body        text,
    change      jsonb,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ticket_entry_by_ticket ON ticket_entry (ticket_id, id);

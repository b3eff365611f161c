-- Routing owns these tables; gateways read them (history, welcome, resume) but never write.

CREATE TABLE tenant (
    id              text PRIMARY KEY,
    name            text NOT NULL,
    -- Origins allowed to open sockets and widget sessions for this tenant (exact scheme://host[:port]).
    allowed_origins text[] NOT NULL DEFAULT '{}',
    created_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE conversation (
    id          text PRIMARY KEY,
    tenant_id   text NOT NULL REFERENCES tenant (id),
    visitor_id  text NOT NULL,
    status      text NOT NULL CHECK (status IN ('open', 'queued', 'assigned', 'bot', 'closed')),
    assignee_id text,
    -- Highest seq handed out; bumped in the same transaction that stores the message.
    last_seq    bigint NOT NULL DEFAULT 0,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- A visitor's conversations, newest first (welcome frame, "continue my open conversation").
CREATE INDEX conversation_by_visitor ON conversation (tenant_id, visitor_id, updated_at DESC);
-- An agent's live conversations (welcome frame).
CREATE INDEX conversation_by_assignee ON conversation (tenant_id, assignee_id) WHERE status <> 'closed';
-- The waiting line, oldest first.
CREATE INDEX conversation_queued ON conversation (tenant_id, created_at) WHERE status = 'queued';

CREATE TABLE message (
    conversation_id text NOT NULL REFERENCES conversation (id),
    seq             bigint NOT NULL,
    id              text NOT NULL UNIQUE,
    tenant_id       text NOT NULL,
    sender_kind     text NOT NULL,
    sender_id       text NOT NULL,
    sender_name     text,
    client_msg_id   text NOT NULL,
    body            text NOT NULL,
    received_at     timestamptz NOT NULL,
    created_at      timestamptz NOT NULL,
    -- History and resume read ranges of seq.
    PRIMARY KEY (conversation_id, seq),
    -- Idempotent send: one message per sender and clientMsgId in a conversation.
    UNIQUE (conversation_id, sender_kind, sender_id, client_msg_id)
);

-- The console's canned responses and private notes (docs/console.md), written and read by the gateway only.

-- Replies agents insert with /shortcut: the tenant's (owner_id null; supervisors and admins manage them) and each
-- agent's own. An agent's own shortcut hides a tenant-wide one of the same name for them.
CREATE TABLE canned_response (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id  text NOT NULL REFERENCES tenant (id),
    owner_id   text,
    shortcut   text NOT NULL CHECK (shortcut ~ '^[a-z0-9][a-z0-9_-]{0,31}$'),
    body       text NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
    updated_by text NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX canned_response_shortcut ON canned_response (tenant_id, coalesce(owner_id, ''), shortcut);

-- Notes agents leave in a conversation for each other: never sent to the visitor, never on a visitor's path.
-- after_seq places the note in the thread (after that message).
CREATE TABLE conversation_note (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id       text NOT NULL,
    conversation_id text NOT NULL REFERENCES conversation (id),
    author_id       text NOT NULL,
    author_name     text,
    body            text NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
    after_seq       bigint NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX conversation_note_by_conversation ON conversation_note (conversation_id, id);

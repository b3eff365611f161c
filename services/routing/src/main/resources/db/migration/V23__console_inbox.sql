-- The agent console's inbox (docs/console.md): per-agent read positions for unread counts, tags on conversations,
-- the channel a conversation came in through, and an index for the tenant-wide list by last activity. The gateway
-- writes conversation_read (from agents' read frames) and conversation_tag (the tags API); routing owns the rest.
CREATE TABLE conversation_read (
    conversation_id text NOT NULL,
    reader_id       text NOT NULL,
    -- Highest seq the reader has seen; only ever raised.
    seq             bigint NOT NULL,
    read_at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (conversation_id, reader_id)
);

CREATE TABLE conversation_tag (
    tenant_id       text NOT NULL,
    conversation_id text NOT NULL REFERENCES conversation (id),
    tag             text NOT NULL,
    added_by        text NOT NULL,
    added_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (conversation_id, tag)
);
-- The inbox's tag filter and the tag list of a tenant.
CREATE INDEX conversation_tag_by_tag ON conversation_tag (tenant_id, tag);

-- 'widget' for everything so far; the channels issue adds others (constant default: no table rewrite).
ALTER TABLE conversation ADD COLUMN channel text NOT NULL DEFAULT 'widget';

-- The inbox pages a tenant's conversations by last activity (keyset on updated_at, id).
CREATE INDEX conversation_by_activity ON conversation (tenant_id, updated_at DESC, id DESC);

-- Attachments (docs/protocol.md, "Attachments"), written and read by the gateway's PgAttachmentStore: a row per file
-- and its bytes in chunks. conversation_id is set when a message carries the file; until then only its uploader
-- may read it. file_type is the gateway's FileType, decided from the bytes.
CREATE TABLE attachment (
    id              text PRIMARY KEY,
    tenant_id       text NOT NULL,
    uploader_kind   text NOT NULL,
    uploader_id     text NOT NULL,
    conversation_id text,
    name            text NOT NULL,
    file_type       text NOT NULL,
    size            bigint NOT NULL CHECK (size > 0),
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX attachment_conversation ON attachment (conversation_id) WHERE conversation_id IS NOT NULL;

CREATE TABLE attachment_chunk (
    attachment_id text NOT NULL REFERENCES attachment (id) ON DELETE CASCADE,
    idx           integer NOT NULL,
    data          bytea NOT NULL,
    PRIMARY KEY (attachment_id, idx)
);
-- Images and PDFs are compressed already: store chunks out of line without trying to compress them again.
ALTER TABLE attachment_chunk ALTER COLUMN data SET STORAGE EXTERNAL;

-- The parts (attachments) a message carries, as in the message frame; null when it has none. Written by routing.
ALTER TABLE message ADD COLUMN parts jsonb;

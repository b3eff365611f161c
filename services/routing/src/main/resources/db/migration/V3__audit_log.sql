-- Every agent, supervisor and admin action: who, what, when, before/after. Written by routing in the same
-- transaction as the change it records; read by admins with filters (newest first).
CREATE TABLE audit_log (
    id              bigserial PRIMARY KEY,
    tenant_id       text NOT NULL,
    at              timestamptz NOT NULL DEFAULT now(),
    actor_kind      text NOT NULL,
    actor_id        text NOT NULL,
    action          text NOT NULL,
    conversation_id text,
    before          jsonb,
    after           jsonb,
    note            text
);

CREATE INDEX audit_by_time ON audit_log (tenant_id, at DESC, id DESC);
CREATE INDEX audit_by_conversation ON audit_log (tenant_id, conversation_id, at DESC);
CREATE INDEX audit_by_actor ON audit_log (tenant_id, actor_id, at DESC);

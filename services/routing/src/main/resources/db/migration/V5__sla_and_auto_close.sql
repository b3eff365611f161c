-- Service levels per tenant and visitor priority (0 = normal, 1 = VIP): targets in seconds, from the
-- conversation's creation. No row = no target for that priority.
CREATE TABLE sla_policy (
    tenant_id          text NOT NULL REFERENCES tenant (id),
    priority           integer NOT NULL CHECK (priority IN (0, 1)),
    first_response_sec integer CHECK (first_response_sec > 0),
    resolution_sec     integer CHECK (resolution_sec > 0),
    PRIMARY KEY (tenant_id, priority)
);

-- Conversations nobody wrote in for this long are closed by routing (null = never).
ALTER TABLE tenant ADD COLUMN auto_close_after_sec integer CHECK (auto_close_after_sec > 0);

ALTER TABLE conversation
    ADD COLUMN assigned_at             timestamptz,
    ADD COLUMN first_response_at       timestamptz,
    ADD COLUMN closed_at               timestamptz,
    -- Each breach is counted once, whether noticed by a sweep or at the response/close itself.
    ADD COLUMN first_response_breached boolean NOT NULL DEFAULT false,
    ADD COLUMN resolution_breached     boolean NOT NULL DEFAULT false;

-- Sweeps: live conversations by last activity (auto-close) and those still owing a first response.
CREATE INDEX conversation_live_by_activity ON conversation (updated_at) WHERE status <> 'closed';
CREATE INDEX conversation_awaiting_response ON conversation (created_at)
    WHERE first_response_at IS NULL AND status <> 'closed' AND NOT first_response_breached;

-- The visitor's rating of a closed conversation (docs/protocol.md, "Rating"): 1..5 and an optional comment, once.
-- Written by the gateway (POST /api/v1/conversations/{id}/rating), read by its reports; routing never touches them.
ALTER TABLE conversation
    ADD COLUMN csat_score smallint CHECK (csat_score BETWEEN 1 AND 5),
    ADD COLUMN csat_comment text,
    ADD COLUMN csat_at timestamptz;
-- Reports read a tenant's ratings by time.
CREATE INDEX conversation_csat ON conversation (tenant_id, csat_at) WHERE csat_score IS NOT NULL;

-- Visitors, written by the gateway's widget sessions (docs/protocol.md, "Visitors").
CREATE TABLE visitor (
    tenant_id          text NOT NULL REFERENCES tenant (id),
    id                 text NOT NULL,
    -- The tenant's backend vouched for this id (HMAC hash or signed JWT). Fixed at creation: a verified and an
    -- unverified visitor are never the same row.
    verified           boolean NOT NULL,
    -- An id the tenant's page passed without a signature (shown to agents as unverified), or null.
    claimed_id         text,
    name               text,
    -- SHA-256 of the secret that lets this browser continue the visitor; null when none (or revoked).
    resume_secret_hash bytea,
    -- Attribute name -> {"value": <string|number|boolean>, "setAt": <epoch ms>}: latest wins per name.
    attributes         jsonb NOT NULL DEFAULT '{}',
    created_at         timestamptz NOT NULL DEFAULT now(),
    last_seen_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id)
);

-- Whether visitors must prove who they are: 'off' (signatures are not checked), 'optional' (a signed id is a
-- verified visitor, an unsigned one a new unverified visitor), 'required' (an unsigned id is refused). Without an
-- identity secret nothing can be signed, whatever the setting.
ALTER TABLE tenant ADD COLUMN identity_verification text NOT NULL DEFAULT 'optional'
    CHECK (identity_verification IN ('off', 'optional', 'required'));

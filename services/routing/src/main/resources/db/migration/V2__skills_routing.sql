-- Skills routing (issue 3). PostgreSQL holds the configuration and the truth about each conversation;
-- Redis holds the hot-path indexes (queues, loads, presence) and is rebuilt from here when lost.

-- Per-agent settings. Agents are identities of the tenant's OIDC provider; a row is optional (defaults apply).
CREATE TABLE agent_profile (
    tenant_id  text NOT NULL REFERENCES tenant (id),
    agent_id   text NOT NULL,
    name       text,
    capacity   integer NOT NULL DEFAULT 5 CHECK (capacity BETWEEN 0 AND 100),
    rating     numeric(3, 2) NOT NULL DEFAULT 0 CHECK (rating BETWEEN 0 AND 5),
    skills     text[] NOT NULL DEFAULT '{}',
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, agent_id)
);

CREATE TABLE skill_group (
    tenant_id       text NOT NULL REFERENCES tenant (id),
    id              text NOT NULL CHECK (id ~ '^[a-z0-9][a-z0-9_-]{0,62}$'),
    name            text NOT NULL,
    skills          text[] NOT NULL DEFAULT '{}',
    -- Higher first when a conversation could go to several groups.
    priority        integer NOT NULL DEFAULT 0,
    strategy        text NOT NULL DEFAULT 'score' CHECK (strategy IN ('score', 'round_robin', 'least_loaded')),
    -- After this wait a queued conversation's requested skills are relaxed (then any agent of the tenant).
    relax_after_sec integer NOT NULL DEFAULT 120 CHECK (relax_after_sec >= 0),
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id)
);

CREATE TABLE skill_group_member (
    tenant_id text NOT NULL,
    group_id  text NOT NULL,
    agent_id  text NOT NULL,
    -- Concurrent conversations in this group; null = the agent's own capacity.
    capacity  integer CHECK (capacity BETWEEN 0 AND 100),
    PRIMARY KEY (tenant_id, group_id, agent_id),
    FOREIGN KEY (tenant_id, group_id) REFERENCES skill_group (tenant_id, id) ON DELETE CASCADE
);

-- What a conversation asks for and when it started waiting. group_id null = the tenant's whole team.
ALTER TABLE conversation
    ADD COLUMN group_id         text,
    ADD COLUMN requested_skills text[] NOT NULL DEFAULT '{}',
    ADD COLUMN priority         integer NOT NULL DEFAULT 0,
    ADD COLUMN queued_at        timestamptz;

UPDATE conversation SET queued_at = created_at WHERE status = 'queued';

-- Queue rebuild after a Redis loss reads queued conversations in queue order.
DROP INDEX conversation_queued;
CREATE INDEX conversation_queued ON conversation (tenant_id, group_id, priority DESC, queued_at)
    WHERE status = 'queued';

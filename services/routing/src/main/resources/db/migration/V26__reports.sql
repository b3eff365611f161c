-- Reports (docs/console.md, "Reports"): figures per tenant, UTC day, group and agent, added up by routing's
-- ReportRollup every minute for today and yesterday, so a report over months reads a few thousand rows, not every
-- conversation. '' stands for "no group" / "no agent" (a key column cannot be null).
CREATE TABLE report_day (
    tenant_id                text   NOT NULL,
    day                      date   NOT NULL,
    group_id                 text   NOT NULL DEFAULT '',
    agent_id                 text   NOT NULL DEFAULT '',
    -- Conversations opened that day, and of those: with a first response (and the sum of the times to it), started
    -- with a bot, handed over by the bot, whose first-response target was missed.
    opened                   integer NOT NULL DEFAULT 0,
    first_responses          integer NOT NULL DEFAULT 0,
    first_response_sec       bigint  NOT NULL DEFAULT 0,
    bot_started              integer NOT NULL DEFAULT 0,
    bot_handoffs             integer NOT NULL DEFAULT 0,
    first_response_breaches  integer NOT NULL DEFAULT 0,
    -- Conversations closed that day: the sum of their open times, those the bot closed without an agent, and those
    -- whose resolution target was missed.
    closed                   integer NOT NULL DEFAULT 0,
    resolution_sec           bigint  NOT NULL DEFAULT 0,
    bot_resolved             integer NOT NULL DEFAULT 0,
    resolution_breaches      integer NOT NULL DEFAULT 0,
    -- Ratings given that day.
    csat_count               integer NOT NULL DEFAULT 0,
    csat_sum                 integer NOT NULL DEFAULT 0,
    -- Agents' time that day (agent rows with group ''): online, and online with at least one conversation open.
    online_sec               bigint  NOT NULL DEFAULT 0,
    busy_sec                 bigint  NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, day, group_id, agent_id)
);

-- One row per agent and minute they were online (sampled by routing from the gateways' heartbeats); busy: they had
-- a conversation open. Rolled up into report_day, deleted after two days.
CREATE TABLE agent_presence_minute (
    tenant_id text        NOT NULL,
    agent_id  text        NOT NULL,
    minute    timestamptz NOT NULL,
    busy      boolean     NOT NULL,
    PRIMARY KEY (tenant_id, minute, agent_id)
);

-- The rollup reads conversations by the day they opened, closed and were rated (conversation_csat serves the last).
CREATE INDEX conversation_by_created ON conversation (created_at);
CREATE INDEX conversation_by_closed ON conversation (closed_at) WHERE closed_at IS NOT NULL;
CREATE INDEX conversation_by_rated ON conversation (csat_at) WHERE csat_at IS NOT NULL;

-- The bot a conversation started with (null: it went straight to the team). With handoff, assignee and the
-- close time it tells how the bot did: the bot service's resolution gauges read it (services/bot).
ALTER TABLE conversation ADD COLUMN bot_id text;
CREATE INDEX conversation_by_bot ON conversation (bot_id, created_at) WHERE bot_id IS NOT NULL;

-- Conversations with the bot, for the watch that hands them to the team when no bot process serves the tenant.
CREATE INDEX conversation_with_bot ON conversation (tenant_id) WHERE status = 'bot';

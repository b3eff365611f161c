-- What the bot said when it handed the conversation to the team (reason, intents, skills, summary), shown to the
-- agents who take it over. Null for conversations that never had a bot.
ALTER TABLE conversation ADD COLUMN handoff jsonb;

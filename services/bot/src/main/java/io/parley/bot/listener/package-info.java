/**
 * Kafka wiring (not built yet; waits for the routing issue).
 *
 * <p>Planned: a listener consuming {@code parley.messages} ({@link io.parley.common.event.SequencedMessage}) and
 * {@code parley.conversations} ({@link io.parley.common.event.ConversationChanged}). For a visitor message in a
 * conversation whose status is {@code bot}, it calls {@link io.parley.bot.service.BotService#reply} for the tenant's
 * bot and sends the reply through the durable path as an {@code InboundMessage} with sender kind {@code bot}
 * (deterministic {@code clientMsgId} derived from the visitor message id, so a redelivery cannot answer twice).
 * A {@link io.parley.bot.domain.BotReply.Handoff} becomes a handoff event for routing carrying the reason, intents,
 * skills and summary. Messages of conversations a human owns are ignored. See services/bot/README.md.
 */
package io.parley.bot.listener;

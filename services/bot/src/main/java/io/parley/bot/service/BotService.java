package io.parley.bot.service;

import java.util.Map;
import java.util.function.BiFunction;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.parley.bot.domain.BotReply;
import io.parley.bot.domain.Language;
import io.parley.bot.domain.Sentiment;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The bot's entry point for one visitor message in one conversation: finds the bot, keeps the conversation's
 * memory, records metrics. The Kafka listener calls {@link #reply} (live conversations); the REST API's test replies
 * call {@link #testReply}, whose memory is apart from the live one ({@link ConversationMemories}).
 */
@ApplicationScoped
public class BotService {

    private final BotRegistry registry;
    private final ConversationMemories memories;
    private final BotEngine engine;
    private final MeterRegistry meters;

    public BotService(BotRegistry registry, ConversationMemories memories, BotEngine engine, MeterRegistry meters) {
        this.registry = registry;
        this.memories = memories;
        this.engine = engine;
        this.meters = meters;
    }

    /** The bot serving {@code tenant} (the first folder, by name, whose bot.yaml names it), or null. */
    public LoadedBot forTenant(String tenant) {
        return registry.directory().forTenant(tenant);
    }

    /** How a visitor message in {@code language} reads (the bot's model when it has one, else the local baseline). */
    public Sentiment feel(LoadedBot bot, String text, Language language) {
        return engine.feel(bot, text, language);
    }

    /** The reply of bot {@code botId} in a live conversation, or null when no such bot is served. */
    public BotReply reply(String botId, String conversationId, String text, Map<String, String> visitor) {
        return reply(botId, memories.live()::get, conversationId, text, visitor);
    }

    /**
     * A test reply (REST API): like {@link #reply}, but the conversation's state lives in the test replies' memory, so
     * a live conversation with the same id is neither read nor changed. Null when no such bot is served.
     */
    public BotReply testReply(String botId, String conversationId, String text, Map<String, String> visitor) {
        return reply(botId, memories.testReplies()::get, conversationId, text, visitor);
    }

    private BotReply reply(String botId, BiFunction<String, String, ConversationState> states, String conversationId,
            String text, Map<String, String> visitor) {
        LoadedBot bot = registry.directory().bot(botId);
        if (bot == null) {
            return null;
        }
        Timer.Sample sample = Timer.start(meters);
        BotReply reply = engine.reply(bot, states.apply(botId, conversationId), text, visitor);
        sample.stop(Timer.builder("parley.bot.answer.latency").tag("bot", botId).tag("kind", reply.kind())
                .publishPercentileHistogram().register(meters));
        switch (reply) {
            case BotReply.Answer a -> meters.counter("parley.bot.answers", "bot", botId, "source", a.source().code())
                    .increment();
            case BotReply.Handoff h -> meters.counter("parley.bot.handoffs", "bot", botId, "reason",
                    h.decision().reason().code()).increment();
            case BotReply.Blocked b -> meters.counter("parley.bot.blocked", "bot", botId).increment();
        }
        return reply;
    }
}

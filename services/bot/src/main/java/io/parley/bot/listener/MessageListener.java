package io.parley.bot.listener;

import io.parley.bot.domain.BotReply;
import io.parley.bot.domain.Language;
import io.parley.bot.domain.Sentiment;
import io.parley.bot.repository.VisitorRepository;
import io.parley.bot.service.BotService;
import io.parley.bot.service.LoadedBot;
import io.parley.common.RedisKeys;
import io.parley.common.Topics;
import io.parley.common.event.ChannelEvent;
import io.parley.common.event.InboundMessage;
import io.parley.common.event.SequencedMessage;
import io.parley.common.json.Json;
import io.parley.common.model.ConversationStatus;
import io.parley.common.model.Handoff;
import io.parley.common.model.Participant;
import io.parley.common.wire.ServerFrame;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.Record;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The bot's place in the message pipeline. It reads every stored message from {@link Topics#MESSAGES} and answers
 * visitor messages that were stored while their conversation was with the bot (status {@code bot}); anything a
 * human owns gets no answer (only, when the visitor writes negatively, an alert to the agent), and routing refuses
 * a bot's send once the conversation has left the bot.
 *
 * <p>Answers go through the same durable path as everyone's sends ({@link Topics#INBOUND}, sender kind
 * {@code bot}), with a {@code clientMsgId} derived from the visitor message's id: a redelivered message is answered
 * again with the same id, and routing stores it once. A handoff is the bot's last message carrying a
 * {@link Handoff}; routing queues the conversation once that message is stored. The record is committed only after
 * Kafka has every reply, so a crash re-answers rather than loses an answer.
 */
@ApplicationScoped
public class MessageListener {
    /** Channel fed by {@link Topics#MESSAGES}. */
    public static final String MESSAGES_CHANNEL = "messages";
    /** Channel writing to {@link Topics#INBOUND}. */
    public static final String ANSWERS_CHANNEL = "answers-out";

    private final BotService bots;
    private final VisitorRepository visitors;
    private final Redis redis;
    private final MutinyEmitter<Record<String, InboundMessage>> answers;

    public MessageListener(BotService bots, VisitorRepository visitors, Redis redis,
            @Channel(ANSWERS_CHANNEL) MutinyEmitter<Record<String, InboundMessage>> answers) {
        this.bots = bots;
        this.visitors = visitors;
        this.redis = redis;
        this.answers = answers;
    }

    @Incoming(MESSAGES_CHANNEL)
    @Blocking // embeddings and model calls take milliseconds to seconds; one record at a time keeps turn order
    public void consume(SequencedMessage message) {
        if (message == null || message.sender().kind() != Participant.Kind.VISITOR || message.text().isBlank()) {
            // null: a record that could not be read (it went to the dead-letter topic); blank: attachments only,
            // which the bot does not read (the next words, or an agent, answer them)
            return;
        }
        if (message.status() == ConversationStatus.ASSIGNED && message.assigneeId() != null) {
            alertIfNegative(message);
            return;
        }
        if (message.status() != ConversationStatus.BOT) {
            return;
        }
        LoadedBot bot = bots.forTenant(message.tenant());
        if (bot == null) {
            // This process no longer has a bot for the tenant (its folder was removed or became invalid): once no
            // process reports for the tenant, routing's BotWatchdog hands the conversation to the team.
            Log.warnf("%s: no bot serves tenant %s; message %d not answered", message.conversationId(),
                    message.tenant(), message.seq());
            return;
        }
        for (InboundMessage reply : replies(bot, message)) {
            answers.send(Record.of(reply.conversationId(), reply))
                    .onFailure().invoke(e -> Log.warnf("%s: answer not sent yet, retrying: %s",
                            reply.conversationId(), e.getMessage()))
                    .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).indefinitely()
                    .await().indefinitely();
        }
    }

    /**
     * A visitor writing negatively to an agent: the agent gets an {@code alert} with the bot's calming reply to
     * use or adapt. Advisory and best effort: published once to the agent's channel, not stored.
     */
    void alertIfNegative(SequencedMessage message) {
        LoadedBot bot = bots.forTenant(message.tenant());
        if (bot == null) {
            return; // tenants without a bot get no sentiment alerts
        }
        Language language = bot.bot().settings().languageOf(message.text());
        Sentiment feeling = bots.feel(bot, message.text(), language);
        if (!feeling.negative()) {
            return;
        }
        ServerFrame.Alert alert = new ServerFrame.Alert(message.conversationId(), message.seq(),
                ServerFrame.Alert.NEGATIVE_SENTIMENT, feeling.score(),
                bot.bot().settings().calmingReply().get(language));
        redis.send(Request.cmd(Command.PUBLISH)
                .arg(RedisKeys.participantChannel(message.tenant(), Participant.Kind.AGENT, message.assigneeId()))
                .arg(Json.write(ChannelEvent.of(alert))))
                .ifNoItem().after(Duration.ofSeconds(2)).fail()
                .onFailure().invoke(e -> Log.warnf("%s: alert not sent: %s", message.conversationId(), e.getMessage()))
                .onFailure().recoverWithNull()
                .await().indefinitely();
    }

    /** The greeting (on the conversation's first message) and the reply, as sends of the bot. */
    List<InboundMessage> replies(LoadedBot bot, SequencedMessage message) {
        String botId = bot.bot().id();
        Participant sender = new Participant(Participant.Kind.BOT, botId, bot.bot().settings().name());
        List<InboundMessage> out = new ArrayList<>(2);
        if (message.seq() == 1) {
            Language language = bot.bot().settings().languageOf(message.text());
            String greeting = bot.bot().settings().greeting().get(language);
            if (greeting != null && !greeting.isBlank()) {
                out.add(send(message, sender, "bot-greeting", greeting, null));
            }
        }
        // {{visitor.<attribute>}} in prompts: what the widget set, the name the visitor gave, and their id
        Map<String, String> visitor = new LinkedHashMap<>(visitors.attributes(message.tenant(), message.sender().id()));
        if (message.sender().name() != null) {
            visitor.put("name", message.sender().name());
        }
        visitor.put("id", message.sender().id());
        BotReply reply = bots.reply(botId, message.conversationId(), message.text(), visitor);
        Handoff handoff = reply instanceof BotReply.Handoff h ? new Handoff(h.decision().reason().code(),
                h.decision().intents(), h.decision().skills(), h.decision().summary()) : null;
        out.add(send(message, sender, "bot-" + message.id(), reply.text(), handoff));
        return out;
    }

    private static InboundMessage send(SequencedMessage to, Participant sender, String clientMsgId, String text,
            Handoff handoff) {
        return new InboundMessage(to.tenant(), to.conversationId(), false, sender, clientMsgId, text, "bot",
                System.currentTimeMillis(), null, handoff);
    }
}

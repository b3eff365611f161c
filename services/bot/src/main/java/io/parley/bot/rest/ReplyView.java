package io.parley.bot.rest;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.parley.bot.domain.BotReply;

/** JSON form of a {@link BotReply}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReplyView(String kind, String text, String language, SentimentView sentiment, String source,
        List<String> articles, List<String> followUps, Double confidence, HandoffView handoff) {

    public record SentimentView(String label, double score) {
    }

    public record HandoffView(String reason, List<String> intents, List<String> skills, String summary) {
    }

    public static ReplyView of(BotReply reply) {
        SentimentView sentiment = new SentimentView(reply.sentiment().label().code(), reply.sentiment().score());
        return switch (reply) {
            case BotReply.Answer a -> new ReplyView("answer", a.text(), a.language().code(), sentiment,
                    a.source().code(), a.articles(), a.followUps(), a.confidence(), null);
            case BotReply.Handoff h -> new ReplyView("handoff", h.text(), h.language().code(), sentiment, null, h.articles(),
                    null, h.confidence(), new HandoffView(h.decision().reason().code(), h.decision().intents(),
                            h.decision().skills(), h.decision().summary()));
            case BotReply.Blocked b -> new ReplyView("blocked", b.text(), b.language().code(), sentiment, null, null,
                    null, null, null);
        };
    }
}

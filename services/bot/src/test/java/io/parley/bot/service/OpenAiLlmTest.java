package io.parley.bot.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parley.bot.domain.Sentiment;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reading the model's sentiment answer: what counts as a reading and what falls back to the local baseline. */
class OpenAiLlmTest {

    @Test
    void aJsonVerdictAnywhereInTheAnswerIsRead() {
        assertEquals(Optional.of(new Sentiment(Sentiment.Label.NEGATIVE, -0.9)),
                OpenAiLlm.parseSentiment("{\"label\":\"negative\",\"score\":-0.9}"));
        assertEquals(Optional.of(new Sentiment(Sentiment.Label.POSITIVE, 0.8)),
                OpenAiLlm.parseSentiment("Sure! {\"label\": \" Positive \", \"score\": 0.8} Hope that helps."));
        assertEquals(Optional.of(new Sentiment(Sentiment.Label.NEGATIVE, -1.0)),
                OpenAiLlm.parseSentiment("{\"label\":\"negative\",\"score\":-7}"), "the score is kept in [-1, 1]");
    }

    @Test
    void anythingElseIsNoReading() {
        for (String answer : new String[] { null, "", "negative", "{\"label\":\"angry\",\"score\":-1}",
            "{\"label\":\"negative\"}", "{\"label\":\"negative\",\"score\":\"very\"}", "{not json}" }) {
            assertEquals(Optional.empty(), OpenAiLlm.parseSentiment(answer), String.valueOf(answer));
        }
    }
}

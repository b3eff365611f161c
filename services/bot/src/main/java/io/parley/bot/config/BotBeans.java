package io.parley.bot.config;

import io.parley.bot.knowledge.Embedder;
import io.parley.bot.knowledge.OnnxEmbedder;
import io.parley.bot.knowledge.StoredEmbedder;
import io.parley.bot.repository.EmbeddingRepository;
import io.parley.bot.sentiment.SentimentClassifier;
import io.parley.bot.service.BotEngine;
import io.parley.bot.service.Llm;
import io.parley.bot.service.OpenAiLlm;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Wires the plain-Java bot core into CDI. */
public class BotBeans {

    @Produces
    @Singleton
    Embedder embedder(BotServiceConfig config, EmbeddingRepository stored) {
        OnnxEmbedder embedder = new OnnxEmbedder();
        if (config.warmUp()) {
            embedder.warmUp();
        }
        return config.embeddingStore() ? new StoredEmbedder(embedder, stored, OnnxEmbedder::modelId) : embedder;
    }

    @Produces
    @Singleton
    SentimentClassifier sentiment(Embedder embedder) {
        return SentimentClassifier.fromClasspath(embedder);
    }

    @Produces
    @Singleton
    Llm llm(BotServiceConfig config) {
        return new OpenAiLlm(config.llm());
    }

    @Produces
    @Singleton
    BotEngine engine(SentimentClassifier sentiment, Llm llm) {
        return new BotEngine(sentiment, llm);
    }
}

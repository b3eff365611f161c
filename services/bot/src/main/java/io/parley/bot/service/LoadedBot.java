package io.parley.bot.service;

import io.parley.bot.domain.Bot;
import io.parley.bot.knowledge.KnowledgeIndex;

/** A validated bot with its knowledge index built: what the engine serves. */
public record LoadedBot(Bot bot, KnowledgeIndex index, long loadedAt) {
}

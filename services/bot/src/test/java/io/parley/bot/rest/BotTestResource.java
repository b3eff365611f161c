package io.parley.bot.rest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.parley.testkit.FakeOpenAiServer;
import io.parley.bot.TestBots;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts the fake model server and gives the app a private copy of the example bot {@code acme} (tenant acme) and
 * the same bot as {@code globex} of tenant globex (for tenant isolation).
 */
public class BotTestResource implements QuarkusTestResourceLifecycleManager {

    private FakeOpenAiServer server;
    private Path bots;

    @Override
    public Map<String, String> start() {
        try {
            server = new FakeOpenAiServer();
            bots = Files.createTempDirectory("parley-bots");
            TestBots.copyBot("acme", bots);
            Path globex = TestBots.copyBot("acme", bots, "globex").resolve("bot.yaml");
            Files.writeString(globex, Files.readString(globex).replace("tenant: acme", "tenant: globex"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return Map.of("parley.bot.dir", bots.toString(), "parley.bot.llm.base-url", server.baseUrl());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
        if (bots != null) {
            TestBots.deleteTree(bots);
        }
    }
}

package io.parley.bot.rest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.parley.testkit.FakeOpenAiServer;
import io.parley.bot.TestBots;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts the fake model server and gives the app a private copy of the example bot {@code acme} (tenant acme) and
 * the same bot as {@code globex} of tenant globex (for tenant isolation; its English answer prompt also names the
 * visitor's plan attribute).
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
            Path globex = TestBots.copyBot("acme", bots, "globex");
            Path settings = globex.resolve("bot.yaml");
            Files.writeString(settings, Files.readString(settings).replace("tenant: acme", "tenant: globex"));
            // globex's designer uses visitor attributes the widget sets (VisitorAttributesTest)
            Path prompt = globex.resolve("prompts/answer-en.prompt");
            Files.writeString(prompt, Files.readString(prompt)
                    .replace("[user]\n", "[user]\nCustomer: {{visitor.name}}, plan {{visitor.plan}}\n"));
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

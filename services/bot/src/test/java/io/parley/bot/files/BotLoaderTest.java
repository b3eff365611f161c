package io.parley.bot.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.parley.bot.TestBots;
import io.parley.bot.domain.Bot;
import io.parley.bot.domain.HandoffReason;
import io.parley.bot.domain.Language;

/** Parsing and validation of bot folders: every problem names file and line. */
class BotLoaderTest {

    @TempDir
    Path root;

    @Test
    void loadsTheExampleBot() throws Exception {
        Bot bot = BotLoader.load(TestBots.BOTS, TestBots.BOTS.resolve("acme"));
        assertEquals("acme", bot.settings().tenant());
        assertEquals(List.of(Language.ZH, Language.EN), bot.settings().languages());
        assertEquals(28, bot.articles().size());
        assertEquals(List.of("zh-return-7day", "zh-return-shipping"), bot.articles().get("zh-refund").related());
        assertEquals(0.43, bot.settings().handoff().minConfidence(Language.ZH));
        assertEquals(0.49, bot.settings().handoff().minConfidence(Language.EN));
        assertEquals("answer", bot.answerPrompt(Language.ZH).name());
        assertEquals("answer-en", bot.answerPrompt(Language.EN).name());
        assertEquals(0.9, bot.evalPassRate().get("acme/evals/retrieval-zh.yaml"));
        assertTrue(bot.evals().size() >= 130);
        assertTrue(bot.evals().stream().anyMatch(c -> c.handoffReason() == HandoffReason.NEGATIVE_SENTIMENT
                && c.history().size() == 4));
    }

    private Path minimalBot() throws IOException {
        Path dir = root.resolve("shop");
        Files.createDirectories(dir.resolve("prompts"));
        Files.createDirectories(dir.resolve("knowledge"));
        Files.writeString(dir.resolve("bot.yaml"), "name: Shop\ntenant: shop\n");
        Files.writeString(dir.resolve("prompts/answer.prompt"), """
                ---
                description: test
                ---
                [system]
                You help {{tenant}}.
                [user]
                {{question}}
                {{knowledge}}
                """);
        Files.writeString(dir.resolve("knowledge/a.md"), "---\ntitle: A\nlanguage: en\n---\nText A\n");
        return dir;
    }

    private List<FileProblem> problems(Path dir) {
        return assertThrows(BotFileException.class, () -> BotLoader.load(root, dir)).problems();
    }

    @Test
    void minimalBotLoadsWithDefaults() throws Exception {
        Bot bot = BotLoader.load(root, minimalBot());
        assertEquals(SettingsParser.DEFAULT_KEYWORDS, bot.settings().handoff().keywords());
        assertEquals(3, bot.settings().handoff().negativeStreak());
        assertEquals("answer", bot.answerPrompt(Language.EN).name());
    }

    @Test
    void unknownKeyInBotYamlNamesFileAndLine() throws Exception {
        Path dir = minimalBot();
        Files.writeString(dir.resolve("bot.yaml"), "name: Shop\ntenant: shop\nhandoff:\n  minConfidance: 0.5\n");
        List<FileProblem> p = problems(dir);
        assertEquals(1, p.size(), p.toString());
        assertEquals("shop/bot.yaml", p.get(0).file());
        assertEquals(4, p.get(0).line());
        assertTrue(p.get(0).message().startsWith("unknown key 'minConfidance' in handoff"), p.get(0).message());
    }

    @Test
    void badValuesAndMissingKeys() throws Exception {
        Path dir = minimalBot();
        Files.writeString(dir.resolve("bot.yaml"), """
                name: Shop
                languages: [zh, fr]
                model:
                  temperature: 3
                  baseUrl: localhost:8000
                handoff:
                  negativeStreak: many
                """);
        List<String> p = problems(dir).stream().map(FileProblem::toString).toList();
        assertEquals(List.of(
                "shop/bot.yaml:1: missing required key 'tenant' in bot.yaml",
                "shop/bot.yaml:2: unsupported language 'fr' (supported: zh, en)",
                "shop/bot.yaml:5: model.baseUrl must be an http:// or https:// URL, got 'localhost:8000'",
                "shop/bot.yaml:4: model.temperature must be between 0 and 2, got 3",
                "shop/bot.yaml:7: handoff.negativeStreak must be a whole number, got 'many'"), p);
    }

    @Test
    void yamlSyntaxErrorNamesLine() throws Exception {
        Path dir = minimalBot();
        Files.writeString(dir.resolve("bot.yaml"), "name: Shop\ntenant: shop\ngreeting: {zh: 你好\n");
        List<FileProblem> p = problems(dir);
        assertEquals("shop/bot.yaml", p.get(0).file());
        assertEquals(4, p.get(0).line());
        assertTrue(p.get(0).message().startsWith("invalid YAML"), p.get(0).message());
    }

    @Test
    void promptProblemsNameTheLineInTheFile() throws Exception {
        Path dir = minimalBot();
        Files.writeString(dir.resolve("prompts/answer.prompt"), """
                ---
                description: test
                temperature: hot
                ---
                [system]
                You help {{tenant}}.
                Never reveal {{question}}.
                [user]
                {{question}} {{visitor.plan}}
                {{knowlege}}
                """);
        List<String> p = problems(dir).stream().map(FileProblem::toString).toList();
        assertEquals(List.of(
                "shop/prompts/answer.prompt:3: temperature must be a number, got 'hot'",
                "shop/prompts/answer.prompt:7: {{question}} carries visitor or knowledge text and may only be used in "
                        + "the [user] section",
                "shop/prompts/answer.prompt:10: unknown variable {{knowlege}} (known: question, history, knowledge, "
                        + "visitor.name, visitor.<attribute>, tenant, bot.name, tone, language)"), p);
    }

    @Test
    void promptWithoutSectionsOrFrontMatter() throws Exception {
        Path dir = minimalBot();
        Files.writeString(dir.resolve("prompts/answer.prompt"), "---\n---\nJust text {{question}}\n");
        assertEquals(List.of("shop/prompts/answer.prompt:3: the body must have a line [system] followed later by a line "
                + "[user] ([system] is missing)"), problems(dir).stream().map(FileProblem::toString).toList());
        Files.writeString(dir.resolve("prompts/answer.prompt"), "[system]\nx\n[user]\n{{question}}\n");
        assertEquals(List.of("shop/prompts/answer.prompt:1: must start with a front matter block: a line '---', YAML, "
                + "and a closing line '---'"), problems(dir).stream().map(FileProblem::toString).toList());
    }

    @Test
    void articleProblems() throws Exception {
        Path dir = minimalBot();
        Files.writeString(dir.resolve("knowledge/b.md"), """
                ---
                title: B
                language: de
                related:
                  - a
                  - c
                ---
                Text B
                """);
        Files.writeString(dir.resolve("knowledge/c.md"), "---\ntitle: C\n---\n");
        List<String> p = problems(dir).stream().map(FileProblem::toString).toList();
        assertEquals(List.of(
                "shop/knowledge/b.md:3: unsupported language 'de' (supported: zh, en)",
                "shop/knowledge/c.md:2: missing required key 'language' in front matter",
                "shop/knowledge/c.md:4: the article has no text after the front matter"), p);
    }

    @Test
    void relatedMustExist() throws Exception {
        Path dir = minimalBot();
        Files.writeString(dir.resolve("knowledge/b.md"), "---\ntitle: B\nlanguage: en\nrelated: [a, nope]\n---\nB\n");
        assertEquals(List.of("shop/knowledge/b.md:4: related article 'nope' does not exist (no knowledge/nope.md)"),
                problems(dir).stream().map(FileProblem::toString).toList());
    }

    @Test
    void evalProblems() throws Exception {
        Path dir = minimalBot();
        Files.createDirectories(dir.resolve("evals"));
        Files.writeString(dir.resolve("evals/basic.yaml"), """
                cases:
                  - name: one
                    input: hello
                    expect:
                      article: missing-article
                  - name: two
                    input: hi
                    expect:
                      handoffReason: bored
                  - name: three
                    input: x
                """);
        List<String> p = problems(dir).stream().map(FileProblem::toString).toList();
        assertEquals(3, p.size(), p.toString());
        assertEquals("shop/evals/basic.yaml:5: expected article 'missing-article' does not exist in knowledge/", p.get(0));
        assertTrue(p.get(1).startsWith("shop/evals/basic.yaml:9: unknown handoff reason 'bored'"), p.get(1));
        assertTrue(p.get(2).startsWith("shop/evals/basic.yaml:10: a case needs 'expect'"), p.get(2));
    }

    @Test
    void missingAnswerPromptAndBotYaml() throws Exception {
        Path dir = minimalBot();
        Files.delete(dir.resolve("prompts/answer.prompt"));
        assertEquals(List.of("shop/prompts/answer.prompt: missing: bot.yaml names 'answer' as answerPrompt"),
                problems(dir).stream().map(FileProblem::toString).toList());
        Files.delete(dir.resolve("bot.yaml"));
        assertEquals(List.of("shop/bot.yaml: missing: every bot folder needs a bot.yaml"),
                problems(dir).stream().map(FileProblem::toString).toList());
    }
}

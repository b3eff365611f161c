package io.parley.bot.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.parley.bot.TestBots;
import io.parley.bot.domain.Language;

/** Hot reload: changes are picked up, an invalid change is reported and the last good version keeps serving. */
class BotDirectoryTest {

    @TempDir
    Path root;

    @Test
    void invalidChangeKeepsTheLastGoodVersion() throws Exception {
        Path dir = TestBots.copyBot("acme", root);
        BotDirectory bots = new BotDirectory(root, TestBots.embedder());
        assertEquals(Set.of("acme"), bots.refresh());
        String v1 = bots.bot("acme").bot().fingerprint();
        assertEquals(Set.of(), bots.refresh(), "nothing changed, nothing reloaded");

        Path prompt = dir.resolve("prompts/answer.prompt");
        String good = Files.readString(prompt);
        Files.writeString(prompt, good.replace("{{knowledge}}", "{{knowledg}}"));
        assertEquals(Set.of("acme"), bots.refresh());
        BotDirectory.Status s = bots.status("acme");
        assertEquals(v1, s.serving().bot().fingerprint(), "still serving the old version");
        assertEquals(1, s.problems().size());
        assertEquals("acme/prompts/answer.prompt", s.problems().getFirst().file());
        assertEquals(20, s.problems().getFirst().line());
        assertTrue(s.problems().getFirst().message().startsWith("unknown variable {{knowledg}}"));
        assertTrue(bots.bot("acme").bot().answerPrompt(Language.ZH).user().contains("{{knowledge}}"));

        Files.writeString(prompt, good.replace("每个要点不超过 20 个字", "每个要点不超过 15 个字"));
        bots.refresh();
        assertTrue(bots.status("acme").problems().isEmpty());
        assertNotEquals(v1, bots.bot("acme").bot().fingerprint());
        assertTrue(bots.bot("acme").bot().answerPrompt(Language.ZH).system().contains("不超过 15 个字"));
        assertEquals(bots.bot("acme"), bots.forTenant("acme"));
        assertEquals("acme", bots.status("acme").tenant());
    }

    @Test
    void aFolderThatNeverLoadedBelongsToTheTenantItsBotYamlNames() throws Exception {
        BotDirectory bots = new BotDirectory(root, TestBots.embedder());
        Files.createDirectories(root.resolve("draft"));
        Files.writeString(root.resolve("draft/bot.yaml"), "tenant: globex\nlanguages: [zh]\n"); // no name: invalid
        Files.createDirectories(root.resolve("nameless"));
        Files.writeString(root.resolve("nameless/bot.yaml"), "name: x\ntenant: Not A Tenant\n");
        Files.createDirectories(root.resolve("broken"));
        Files.writeString(root.resolve("broken/bot.yaml"), "tenant: [globex\n");
        bots.refresh();
        BotDirectory.Status draft = bots.status("draft");
        assertNull(draft.serving());
        assertTrue(draft.problems().stream().anyMatch(p -> p.message().contains("'name'")), draft.problems().toString());
        assertEquals("globex", draft.tenant());
        assertNull(bots.status("nameless").tenant(), "an invalid tenant id is nobody's");
        assertNull(bots.status("broken").tenant(), "unreadable YAML names no tenant");
        assertNull(bots.forTenant("globex"), "a folder that never loaded serves nobody");
    }

    @Test
    void newArticleIsSearchableAfterRefreshAndRemovedBotIsGone() throws Exception {
        Path dir = TestBots.copyBot("acme", root);
        BotDirectory bots = new BotDirectory(root, TestBots.embedder());
        bots.refresh();
        Files.writeString(dir.resolve("knowledge/zh-gift-card.md"), """
                ---
                title: 礼品卡使用说明
                tags: [promotion]
                language: zh
                ---
                - 礼品卡可在结算页输入卡号使用
                - 礼品卡余额三年内有效
                """);
        bots.refresh();
        assertEquals("zh-gift-card", bots.bot("acme").index().search("礼品卡怎么用", Language.ZH, 1).getFirst()
                .article().id());

        TestBots.deleteTree(dir);
        assertEquals(Set.of("acme"), bots.refresh());
        assertNull(bots.bot("acme"));
    }
}

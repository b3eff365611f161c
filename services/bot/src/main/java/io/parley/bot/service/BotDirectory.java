package io.parley.bot.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import io.parley.bot.domain.Bot;
import io.parley.bot.files.BotFileException;
import io.parley.bot.files.BotLoader;
import io.parley.bot.files.FileProblem;
import io.parley.bot.knowledge.Embedder;
import io.parley.bot.knowledge.KnowledgeIndex;
import io.quarkus.logging.Log;

/**
 * The bots directory as served: for each folder the last version that loaded without problems, plus the problems
 * of the newest version when it did not. {@link #refresh()} loads folders whose files changed since the last try.
 */
public final class BotDirectory {

    /**
     * Where one bot folder stands. {@code tenant}: whose bot it is, the serving version's tenant or, for a folder that
     * never loaded, the one its bot.yaml names (null when it names no valid one).
     */
    public record Status(String id, LoadedBot serving, String tenant, String triedFingerprint,
            List<FileProblem> problems) {
    }

    private final Path root;
    private final Embedder embedder;
    private final Map<String, Status> status = new ConcurrentHashMap<>();

    public BotDirectory(Path root, Embedder embedder) {
        this.root = root;
        this.embedder = embedder;
    }

    public Path root() {
        return root;
    }

    /** Checks every folder; returns the ids of bots that were (re)loaded, failed or removed. */
    public synchronized Set<String> refresh() {
        Set<String> changed = new HashSet<>();
        Set<String> seen = new HashSet<>();
        if (Files.isDirectory(root)) {
            try (Stream<Path> s = Files.list(root)) {
                for (Path dir : s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith("."))
                        .sorted().toList()) {
                    String id = dir.getFileName().toString();
                    seen.add(id);
                    if (refresh(id, dir)) {
                        changed.add(id);
                    }
                }
            } catch (IOException e) {
                Log.warnf("cannot list bots directory %s: %s", root, e.getMessage());
                return changed;
            }
        }
        for (String id : Set.copyOf(status.keySet())) {
            if (!seen.contains(id)) {
                status.remove(id);
                changed.add(id);
                Log.infof("bot %s removed", id);
            }
        }
        return changed;
    }

    private boolean refresh(String id, Path dir) {
        String fingerprint = BotLoader.fingerprint(dir);
        Status old = status.get(id);
        if (old != null && fingerprint.equals(old.triedFingerprint())) {
            return false;
        }
        LoadedBot serving = old == null ? null : old.serving();
        try {
            long t0 = System.nanoTime();
            Bot bot = BotLoader.load(root, dir);
            KnowledgeIndex index = new KnowledgeIndex(embedder, bot.articles().values());
            LoadedBot loaded = new LoadedBot(bot, index, System.currentTimeMillis());
            status.put(id, new Status(id, loaded, bot.settings().tenant(), fingerprint, List.of()));
            Log.infof("bot %s loaded (version %s): %d prompts, %d articles, %d eval cases in %d ms", id,
                    bot.fingerprint(), bot.prompts().size(), bot.articles().size(), bot.evals().size(),
                    (System.nanoTime() - t0) / 1_000_000);
        } catch (BotFileException e) {
            String tenant = serving != null ? serving.bot().settings().tenant() : BotLoader.declaredTenant(dir);
            status.put(id, new Status(id, serving, tenant, fingerprint, e.problems()));
            for (FileProblem p : e.problems()) {
                Log.warnf("bot %s: %s", id, p);
            }
            Log.warnf("bot %s: %s", id, serving == null ? "not served until its files are fixed"
                    : "still serving version " + serving.bot().fingerprint());
        }
        return true;
    }

    public LoadedBot bot(String id) {
        Status s = status.get(id);
        return s == null ? null : s.serving();
    }

    /** The bot serving a tenant: the first folder (by name) whose bot.yaml names it. */
    public LoadedBot forTenant(String tenant) {
        return status.values().stream().filter(s -> s.serving() != null)
                .filter(s -> s.serving().bot().settings().tenant().equals(tenant))
                .sorted(java.util.Comparator.comparing(Status::id)).map(Status::serving).findFirst().orElse(null);
    }

    public List<Status> statuses() {
        return status.values().stream().sorted(java.util.Comparator.comparing(Status::id)).toList();
    }

    public Status status(String id) {
        return status.get(id);
    }
}

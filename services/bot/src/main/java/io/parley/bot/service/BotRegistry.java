package io.parley.bot.service;

import java.nio.file.Path;

import io.parley.bot.config.BotServiceConfig;
import io.parley.bot.knowledge.Embedder;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** The service's bots directory, loaded at start and re-checked every {@code parley.bot.reload-interval}. */
@ApplicationScoped
public class BotRegistry {

    private final BotDirectory directory;

    public BotRegistry(BotServiceConfig config, Embedder embedder) {
        this.directory = new BotDirectory(Path.of(config.dir()), embedder);
    }

    void onStart(@Observes StartupEvent event) {
        Log.infof("bots directory: %s", directory.root().toAbsolutePath());
        directory.refresh();
    }

    @Scheduled(every = "${parley.bot.reload-interval:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "${parley.bot.reload-interval:2s}")
    void poll() {
        directory.refresh();
    }

    public BotDirectory directory() {
        return directory;
    }
}

package io.parley.gateway.attachment;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Uploads that no message carried within a day (the visitor closed the tab, the send was refused) are deleted every
 * hour; any gateway may run it (deleting twice is harmless).
 */
@ApplicationScoped
public class UnsentUploads {
    static final Duration KEEP = Duration.ofDays(1);
    private final AttachmentStore store;

    public UnsentUploads(AttachmentStore store) {
        this.store = store;
    }

    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        return store.deleteUnsent(OffsetDateTime.now(ZoneOffset.UTC).minus(KEEP))
                .invoke(n -> Log.debugf("attachments: %d unsent uploads deleted", n))
                .onFailure().invoke(e -> Log.warnf("unsent upload sweep failed: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}

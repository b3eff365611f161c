package io.parley.gateway.admin;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.util.List;

/** Replacing a set of rows (a group's members, a tenant's targets) inside the current transaction. */
final class Rows {
    private Rows() {
    }

    /**
     * Deletes {@code old} (loaded in this session) and inserts {@code fresh}. The deletes are flushed first, so a row
     * may come back with the same key.
     */
    static Uni<Void> replace(List<?> old, List<?> fresh) {
        return Panache.getSession().chain(session -> session.removeAll(old.toArray())
                .chain(session::flush)
                .chain(() -> session.persistAll(fresh.toArray())));
    }
}

package io.parley.gateway.admin;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** A tenant's business hours; every change is written with its audit row in one transaction. */
@ApplicationScoped
public class HoursRepository implements PanacheRepositoryBase<BusinessHoursRow, String> {
    private final AuditLog audit;

    public HoursRepository(AuditLog audit) {
        this.audit = audit;
    }

    /** Null when the tenant has none (always open). */
    @WithSession
    public Uni<HoursView> find(String tenant) {
        return findById(tenant).map(row -> row == null ? null : row.view());
    }

    /** Creates or replaces them; true when created. */
    @WithTransaction
    public Uni<Boolean> put(String tenant, String actor, HoursView wanted) {
        return TenantSettings.lock(tenant).chain(() -> findById(tenant)).chain(found -> {
            HoursView before = found == null ? null : found.view();
            BusinessHoursRow row = found == null ? BusinessHoursRow.of(tenant) : found;
            row.apply(wanted);
            return persist(row)
                    .chain(() -> audit.record(tenant, actor, before == null ? "hours_create" : "hours_update", before,
                            wanted))
                    .replaceWith(before == null);
        });
    }

    /** False when there were none. */
    @WithTransaction
    public Uni<Boolean> remove(String tenant, String actor) {
        return TenantSettings.lock(tenant).chain(() -> findById(tenant)).chain(found -> found == null
                ? Uni.createFrom().item(false)
                : delete(found).chain(() -> audit.record(tenant, actor, "hours_delete", found.view(), null))
                        .replaceWith(true));
    }
}

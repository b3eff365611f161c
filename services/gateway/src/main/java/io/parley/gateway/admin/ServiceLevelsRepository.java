package io.parley.gateway.admin;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * A tenant's service levels: {@code tenant.auto_close_after_sec} and its {@code sla_policy} rows, replaced as a
 * whole with an audit row in one transaction. Routing's sweeps read them.
 */
@ApplicationScoped
public class ServiceLevelsRepository {
    private final AuditLog audit;

    public ServiceLevelsRepository(AuditLog audit) {
        this.audit = audit;
    }

    /** Null when the tenant does not exist. */
    @WithSession
    public Uni<ServiceLevelsView> find(String tenant) {
        return TenantSettings.<TenantSettings>findById(tenant).chain(t -> t == null ? Uni.createFrom().nullItem()
                : policies(tenant).map(policies -> ServiceLevelsView.of(t, policies)));
    }

    /** Replaces all of them (targets not given are removed); 404 when the tenant does not exist. */
    @WithTransaction
    public Uni<Void> put(String tenant, String actor, ServiceLevelsView wanted) {
        return TenantSettings.lock(tenant).chain(t -> policies(tenant).chain(policies -> {
            ServiceLevelsView before = ServiceLevelsView.of(t, policies);
            t.autoCloseAfterSec = wanted.autoCloseAfterSec();
            List<SlaPolicy> fresh = wanted.targets().entrySet().stream()
                    .map(e -> SlaPolicy.of(tenant, ServiceLevelsView.PRIORITIES.get(e.getKey()), e.getValue())).toList();
            return Rows.replace(policies, fresh)
                    .chain(() -> audit.record(tenant, actor, "service_levels_update", before, wanted));
        }));
    }

    private static Uni<List<SlaPolicy>> policies(String tenant) {
        return SlaPolicy.list("tenantId = ?1 order by priority", tenant);
    }
}

package io.parley.gateway.admin;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** A tenant's agent profiles; every change is written with its audit row in one transaction. */
@ApplicationScoped
public class AgentRepository implements PanacheRepositoryBase<AgentProfile, AgentProfile.Key> {
    private final AuditLog audit;

    public AgentRepository(AuditLog audit) {
        this.audit = audit;
    }

    @WithSession
    public Uni<List<AgentView>> all(String tenant) {
        return list("tenantId", Sort.by("agentId"), tenant).map(all -> all.stream().map(AgentProfile::view).toList());
    }

    /** Null when the tenant has no profile for the agent. */
    @WithSession
    public Uni<AgentView> find(String tenant, String agentId) {
        return findById(new AgentProfile.Key(tenant, agentId)).map(p -> p == null ? null : p.view());
    }

    /** Creates or replaces the profile; true when it was new. */
    @WithTransaction
    public Uni<Boolean> put(String tenant, String actor, AgentView wanted) {
        return TenantSettings.lock(tenant).chain(() -> findById(new AgentProfile.Key(tenant, wanted.agentId())))
                .chain(found -> {
                    AgentView before = found == null ? null : found.view();
                    AgentProfile profile = found == null ? AgentProfile.of(tenant, wanted.agentId()) : found;
                    profile.apply(wanted);
                    return persist(profile)
                            .chain(() -> audit.record(tenant, actor, before == null ? "agent_create" : "agent_update",
                                    before, wanted))
                            .replaceWith(before == null);
                });
    }
}

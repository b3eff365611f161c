package io.parley.gateway.admin;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A tenant's skill groups with their members. Every change is written with its audit row in one transaction; routing
 * reads these tables (cached a few seconds), so a change applies to the next decisions without a restart.
 */
@ApplicationScoped
public class GroupRepository implements PanacheRepositoryBase<SkillGroup, SkillGroup.Key> {
    private final AuditLog audit;

    public GroupRepository(AuditLog audit) {
        this.audit = audit;
    }

    /** Highest priority first, then by id; members by agent id. */
    @WithSession
    public Uni<List<GroupView>> all(String tenant) {
        return list("tenantId", Sort.descending("priority").and("id"), tenant)
                .chain(groups -> SkillGroupMember.<SkillGroupMember>list("tenantId", Sort.by("groupId", "agentId"),
                        tenant).map(members -> {
                            Map<String, List<SkillGroupMember>> byGroup = members.stream()
                                    .collect(Collectors.groupingBy(m -> m.groupId));
                            return groups.stream().map(g -> g.view(byGroup.getOrDefault(g.id, List.of()))).toList();
                        }));
    }

    /** Null when the tenant has no such group. */
    @WithSession
    public Uni<GroupView> find(String tenant, String id) {
        return findById(new SkillGroup.Key(tenant, id))
                .chain(group -> group == null ? Uni.createFrom().nullItem() : members(tenant, id).map(group::view));
    }

    /** Creates or replaces the group and its member list; true when it was new. */
    @WithTransaction
    public Uni<Boolean> put(String tenant, String actor, GroupView wanted) {
        return TenantSettings.lock(tenant).chain(() -> findById(new SkillGroup.Key(tenant, wanted.id())))
                .chain(found -> members(tenant, wanted.id()).chain(members -> {
                    GroupView before = found == null ? null : found.view(members);
                    SkillGroup group = found == null ? SkillGroup.of(tenant, wanted.id()) : found;
                    group.apply(wanted);
                    // new: inserted now, so its members' foreign key finds it
                    Uni<?> saved = found == null ? persistAndFlush(group) : Uni.createFrom().voidItem();
                    return saved.chain(() -> Rows.replace(members, wanted.members().stream()
                            .map(m -> SkillGroupMember.of(tenant, wanted.id(), m)).toList()))
                            .chain(() -> audit.record(tenant, actor, before == null ? "group_create" : "group_update",
                                    before, wanted))
                            .replaceWith(before == null);
                }));
    }

    /** False when the tenant has no such group. Its members go with it (the database cascades). */
    @WithTransaction
    public Uni<Boolean> remove(String tenant, String actor, String id) {
        return TenantSettings.lock(tenant).chain(() -> findById(new SkillGroup.Key(tenant, id)))
                .chain(group -> group == null ? Uni.createFrom().item(false)
                        : members(tenant, id).chain(members -> delete(group)
                                .chain(() -> audit.record(tenant, actor, "group_delete", group.view(members), null))
                                .replaceWith(true)));
    }

    private static Uni<List<SkillGroupMember>> members(String tenant, String groupId) {
        return SkillGroupMember.list("tenantId = ?1 and groupId = ?2", Sort.by("agentId"), tenant, groupId);
    }
}

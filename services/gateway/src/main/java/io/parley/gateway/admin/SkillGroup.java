package io.parley.gateway.admin;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A skill group of a tenant ({@code skill_group}, routing's migration V2); its members are {@link SkillGroupMember}s. */
@Entity
@Table(name = "skill_group")
@IdClass(SkillGroup.Key.class)
public class SkillGroup extends PanacheEntityBase {
    /** The primary key (tenant_id, id). */
    public record Key(String tenantId, String id) implements Serializable {
    }

    @Id
    @Column(name = "tenant_id")
    public String tenantId;
    @Id
    public String id;
    public String name;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> skills = new ArrayList<>();
    public int priority;
    public String strategy;
    @Column(name = "relax_after_sec")
    public int relaxAfterSec;

    static SkillGroup of(String tenant, String id) {
        SkillGroup group = new SkillGroup();
        group.tenantId = tenant;
        group.id = id;
        return group;
    }

    void apply(GroupView wanted) {
        name = wanted.name();
        skills = new ArrayList<>(wanted.skills());
        priority = wanted.priority();
        strategy = wanted.strategy();
        relaxAfterSec = wanted.relaxAfterSec();
    }

    GroupView view(List<SkillGroupMember> members) {
        return new GroupView(id, name, List.copyOf(skills), priority, strategy, relaxAfterSec,
                members.stream().map(m -> new GroupView.Member(m.agentId, m.capacity)).toList());
    }
}

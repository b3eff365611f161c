package io.parley.gateway.admin;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;

/**
 * An agent in a skill group ({@code skill_group_member}); deleted with its group by the database
 * ({@code ON DELETE CASCADE}).
 */
@Entity
@Table(name = "skill_group_member")
@IdClass(SkillGroupMember.Key.class)
public class SkillGroupMember extends PanacheEntityBase {
    /** The primary key (tenant_id, group_id, agent_id). */
    public record Key(String tenantId, String groupId, String agentId) implements Serializable {
    }

    @Id
    @Column(name = "tenant_id")
    public String tenantId;
    @Id
    @Column(name = "group_id")
    public String groupId;
    @Id
    @Column(name = "agent_id")
    public String agentId;
    /** Concurrent conversations in this group; null = the agent's own capacity. */
    public Integer capacity;

    static SkillGroupMember of(String tenant, String groupId, GroupView.Member member) {
        SkillGroupMember row = new SkillGroupMember();
        row.tenantId = tenant;
        row.groupId = groupId;
        row.agentId = member.agentId();
        row.capacity = member.capacity();
        return row;
    }
}

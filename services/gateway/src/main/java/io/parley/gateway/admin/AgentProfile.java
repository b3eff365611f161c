package io.parley.gateway.admin;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An agent's routing settings ({@code agent_profile}, routing's migration V2); without a row defaults apply. */
@Entity
@Table(name = "agent_profile")
@IdClass(AgentProfile.Key.class)
public class AgentProfile extends PanacheEntityBase {
    /** The primary key (tenant_id, agent_id). */
    public record Key(String tenantId, String agentId) implements Serializable {
    }

    @Id
    @Column(name = "tenant_id")
    public String tenantId;
    @Id
    @Column(name = "agent_id")
    public String agentId;
    public String name;
    public int capacity;
    /** numeric(3,2): mapped as BigDecimal, shown as a double of two decimals. */
    @Column(precision = 3, scale = 2)
    public BigDecimal rating;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> skills = new ArrayList<>();
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    static AgentProfile of(String tenant, String agentId) {
        AgentProfile profile = new AgentProfile();
        profile.tenantId = tenant;
        profile.agentId = agentId;
        return profile;
    }

    void apply(AgentView wanted) {
        name = wanted.name();
        capacity = wanted.capacity();
        rating = BigDecimal.valueOf(wanted.rating()).setScale(2, RoundingMode.HALF_UP);
        skills = new ArrayList<>(wanted.skills());
        updatedAt = OffsetDateTime.now();
    }

    AgentView view() {
        return new AgentView(agentId, name, capacity, rating.doubleValue(), List.copyOf(skills));
    }
}

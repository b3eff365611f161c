package io.parley.gateway.admin;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;

/** Targets for one visitor priority ({@code sla_policy}, routing's migration V5); no row: no target. */
@Entity
@Table(name = "sla_policy")
@IdClass(SlaPolicy.Key.class)
public class SlaPolicy extends PanacheEntityBase {
    /** The primary key (tenant_id, priority). */
    public record Key(String tenantId, int priority) implements Serializable {
    }

    @Id
    @Column(name = "tenant_id")
    public String tenantId;
    /** 0 normal, 1 vip (as {@code conversation.priority}). */
    @Id
    public int priority;
    @Column(name = "first_response_sec")
    public Integer firstResponseSec;
    @Column(name = "resolution_sec")
    public Integer resolutionSec;

    static SlaPolicy of(String tenant, int priority, ServiceLevelsView.Target target) {
        SlaPolicy policy = new SlaPolicy();
        policy.tenantId = tenant;
        policy.priority = priority;
        policy.firstResponseSec = target.firstResponseSec();
        policy.resolutionSec = target.resolutionSec();
        return policy;
    }
}

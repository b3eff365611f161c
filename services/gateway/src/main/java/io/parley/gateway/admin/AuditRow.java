package io.parley.gateway.admin;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A row of {@code audit_log} (routing's migration V3): who did what, when, before/after. Routing writes the agents'
 * and supervisors' actions; the admin API writes admins' changes and reads them all.
 */
@Entity
@Table(name = "audit_log")
public class AuditRow extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "tenant_id")
    public String tenantId;
    public OffsetDateTime at;
    @Column(name = "actor_kind")
    public String actorKind;
    @Column(name = "actor_id")
    public String actorId;
    public String action;
    @Column(name = "conversation_id")
    public String conversationId;
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> before;
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> after;
    public String note;

    AuditPage.AuditEntry view() {
        return new AuditPage.AuditEntry(id, at, actorKind, actorId, action, conversationId, before, after, note);
    }
}

package io.parley.gateway.ticket;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A ticket ({@code ticket} table, schema in routing's migrations V6). */
@Entity
@Table(name = "ticket")
public class Ticket extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "tenant_id")
    public String tenantId;
    @Column(name = "conversation_id")
    public String conversationId;
    public String subject;
    @Column(name = "requester_id")
    public String requesterId;
    @Column(name = "requester_name")
    public String requesterName;
    /** Where replies are mailed (V19); null: nowhere. */
    @Column(name = "requester_email")
    public String requesterEmail;
    public String status = "open";
    public String priority = "normal";
    @Column(name = "assignee_id")
    public String assigneeId;
    @Column(name = "group_id")
    public String groupId;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> tags = new ArrayList<>();
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    /** The fields a change may touch, as shown in the history's before/after. */
    Map<String, Object> changeable() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("status", status);
        f.put("priority", priority);
        f.put("assigneeId", assigneeId);
        f.put("groupId", groupId);
        f.put("tags", List.copyOf(tags));
        return f;
    }

    TicketView view() {
        return new TicketView(id, conversationId, subject, requesterId, requesterName, requesterEmail, status, priority, assigneeId,
                groupId, List.copyOf(tags), createdAt, updatedAt);
    }
}

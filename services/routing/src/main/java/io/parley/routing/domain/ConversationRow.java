package io.parley.routing.domain;

import io.parley.common.event.ConversationChanged;
import io.parley.common.model.ConversationStatus;
import io.parley.common.model.Participant;
import io.vertx.mutiny.sqlclient.Row;

/** The routing-relevant columns of one {@code conversation} row. */
public record ConversationRow(String id, String tenant, String visitorId, ConversationStatus status,
        String assigneeId, long lastSeq, String groupId) {

    public static final String COLUMNS = "id, tenant_id, visitor_id, status, assignee_id, last_seq, group_id";

    public ConversationRow(String id, String tenant, String visitorId, ConversationStatus status, String assigneeId,
            long lastSeq) {
        this(id, tenant, visitorId, status, assigneeId, lastSeq, null);
    }

    public static ConversationRow from(Row row) {
        return new ConversationRow(row.getString("id"), row.getString("tenant_id"), row.getString("visitor_id"),
                ConversationStatus.fromWire(row.getString("status")), row.getString("assignee_id"),
                row.getLong("last_seq"), row.getString("group_id"));
    }

    public ConversationRow withLastSeq(long seq) {
        return new ConversationRow(id, tenant, visitorId, status, assigneeId, seq, groupId);
    }

    public Participant assignee() {
        return assigneeId == null ? null : Participant.agent(assigneeId, null);
    }

    public ConversationChanged changed() {
        return new ConversationChanged(tenant, id, visitorId, status, assignee(), lastSeq, System.currentTimeMillis());
    }
}

package io.parley.routing.domain;

import io.parley.common.event.ConversationChanged;
import io.parley.common.json.Json;
import io.parley.common.model.ConversationStatus;
import io.parley.common.model.Handoff;
import io.parley.common.model.Participant;
import io.vertx.mutiny.sqlclient.Row;
import java.util.Arrays;
import java.util.List;

/**
 * The routing-relevant columns of one {@code conversation} row. {@code handoff} is what a bot said when it handed
 * the conversation over (null when no bot did); {@code unmatchedSkills} the requested skills its assignee lacks
 * (it reached them after its skills relaxed; empty otherwise); {@code createdAtMillis} 0 when not read.
 */
public record ConversationRow(String id, String tenant, String visitorId, ConversationStatus status,
        String assigneeId, long lastSeq, String groupId, Handoff handoff, List<String> unmatchedSkills,
        long createdAtMillis) {

    public static final String COLUMNS = "id, tenant_id, visitor_id, status, assignee_id, last_seq, group_id,"
            + " handoff::text AS handoff, unmatched_skills, created_at";

    public ConversationRow {
        unmatchedSkills = unmatchedSkills == null ? List.of() : List.copyOf(unmatchedSkills);
    }

    public ConversationRow(String id, String tenant, String visitorId, ConversationStatus status, String assigneeId,
            long lastSeq, String groupId) {
        this(id, tenant, visitorId, status, assigneeId, lastSeq, groupId, null, List.of(), 0);
    }

    public ConversationRow(String id, String tenant, String visitorId, ConversationStatus status, String assigneeId,
            long lastSeq) {
        this(id, tenant, visitorId, status, assigneeId, lastSeq, null);
    }

    public static ConversationRow from(Row row) {
        String handoff = row.getString("handoff");
        return new ConversationRow(row.getString("id"), row.getString("tenant_id"), row.getString("visitor_id"),
                ConversationStatus.fromWire(row.getString("status")), row.getString("assignee_id"),
                row.getLong("last_seq"), row.getString("group_id"),
                handoff == null ? null : Json.read(handoff, Handoff.class),
                Arrays.asList(row.getArrayOfStrings("unmatched_skills")),
                row.getOffsetDateTime("created_at").toInstant().toEpochMilli());
    }

    public ConversationRow withLastSeq(long seq) {
        return new ConversationRow(id, tenant, visitorId, status, assigneeId, seq, groupId, handoff, unmatchedSkills,
                createdAtMillis);
    }

    public Participant assignee() {
        return assigneeId == null ? null : Participant.agent(assigneeId, null);
    }

    public ConversationChanged changed() {
        return new ConversationChanged(tenant, id, visitorId, status, assignee(), lastSeq, System.currentTimeMillis(),
                null, null, handoff, unmatchedSkills.isEmpty() ? null : unmatchedSkills, null, createdAtMillis);
    }
}

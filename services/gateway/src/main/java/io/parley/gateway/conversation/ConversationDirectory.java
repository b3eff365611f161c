package io.parley.gateway.conversation;

import io.parley.common.event.SequencedMessage;
import io.parley.common.json.Json;
import io.parley.common.model.ConversationStatus;
import io.parley.common.model.Handoff;
import io.parley.common.model.MessagePart;
import io.parley.common.model.Participant;
import io.parley.common.model.VisitorProfile;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Read-only queries on routing's tables (the gateway never writes conversations or messages). */
@ApplicationScoped
public class ConversationDirectory {
    private static final String COLUMNS = "c.id, c.tenant_id, c.visitor_id, c.status, c.assignee_id, c.last_seq, c.created_at";
    private static final String MESSAGE_COLUMNS = """
            tenant_id, conversation_id, id, seq, client_msg_id, sender_kind, sender_id, sender_name, body, created_at,
            received_at, parts::text AS parts""";
    private final Pool pool;

    public ConversationDirectory(Pool pool) {
        this.pool = pool;
    }

    public Uni<ConversationView> find(String conversationId) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM conversation c WHERE c.id = $1")
                .execute(Tuple.of(conversationId))
                .map(rows -> rows.size() == 0 ? null : view(rows.iterator().next()));
    }

    /** A visitor's most recent conversations, most recently active first. */
    public Uni<List<ConversationView>> ofVisitor(String tenant, String visitorId) {
        return list("SELECT " + COLUMNS + " FROM conversation c WHERE c.tenant_id = $1 AND c.visitor_id = $2"
                + " ORDER BY c.updated_at DESC LIMIT 50", Tuple.of(tenant, visitorId), false);
    }

    /** An agent's open conversations, with what their frames show (the bot's handoff, the visitor). */
    public Uni<List<ConversationView>> ofAgent(String tenant, String agentId) {
        return list("SELECT " + COLUMNS + """
                , c.handoff::text AS handoff, c.unmatched_skills, v.id AS v_id, v.name AS v_name,
                  v.verified AS v_verified, v.claimed_id AS v_claimed, v.attributes::text AS v_attributes
                FROM conversation c LEFT JOIN visitor v ON v.tenant_id = c.tenant_id AND v.id = c.visitor_id
                WHERE c.tenant_id = $1 AND c.assignee_id = $2 AND c.status <> 'closed'
                ORDER BY c.updated_at DESC LIMIT 200""", Tuple.of(tenant, agentId), true);
    }

    public Uni<List<SequencedMessage>> messagesAfter(String conversationId, long afterSeq, int limit) {
        return messages("SELECT " + MESSAGE_COLUMNS
                + " FROM message WHERE conversation_id = $1 AND seq > $2 ORDER BY seq LIMIT $3",
                Tuple.of(conversationId, afterSeq, limit));
    }

    /** The last {@code limit} messages between the two seqs (both excluded), oldest first: paging backwards. */
    public Uni<List<SequencedMessage>> messagesBefore(String conversationId, long afterSeq, long beforeSeq, int limit) {
        return messages("SELECT * FROM (SELECT " + MESSAGE_COLUMNS
                + " FROM message WHERE conversation_id = $1 AND seq > $2 AND seq < $3 ORDER BY seq DESC LIMIT $4)"
                + " newest ORDER BY seq", Tuple.of(conversationId, afterSeq, beforeSeq, limit));
    }

    private Uni<List<SequencedMessage>> messages(String sql, Tuple args) {
        return pool.preparedQuery(sql).execute(args)
                .map(rows -> {
                    List<SequencedMessage> result = new ArrayList<>();
                    for (Row row : rows) {
                        Participant sender = new Participant(Participant.Kind.fromWire(row.getString("sender_kind")),
                                row.getString("sender_id"), row.getString("sender_name"));
                        result.add(new SequencedMessage(row.getString("tenant_id"), row.getString("conversation_id"),
                                row.getString("id"), row.getLong("seq"), row.getString("client_msg_id"), sender,
                                row.getString("body"), row.getOffsetDateTime("created_at").toInstant().toEpochMilli(),
                                row.getOffsetDateTime("received_at").toInstant().toEpochMilli(),
                                MessagePart.fromJson(row.getString("parts"))));
                    }
                    return result;
                });
    }

    private Uni<List<ConversationView>> list(String sql, Tuple args, boolean forAgent) {
        return pool.preparedQuery(sql).execute(args).map(rows -> {
            List<ConversationView> result = new ArrayList<>();
            rows.forEach(row -> result.add(forAgent ? agentView(row) : view(row)));
            return result;
        });
    }

    private static ConversationView view(Row row) {
        return new ConversationView(row.getString("id"), row.getString("tenant_id"), row.getString("visitor_id"),
                ConversationStatus.fromWire(row.getString("status")), row.getString("assignee_id"),
                row.getLong("last_seq"), row.getOffsetDateTime("created_at").toInstant().toEpochMilli(), null, null,
                null);
    }

    private static ConversationView agentView(Row row) {
        ConversationView plain = view(row);
        String handoff = row.getString("handoff");
        String visitorId = row.getString("v_id");
        VisitorProfile visitor = visitorId == null ? VisitorProfile.unknown(plain.visitorId())
                : VisitorProfile.stored(visitorId, row.getString("v_name"), row.getBoolean("v_verified"),
                        row.getString("v_claimed"), row.getString("v_attributes"));
        return new ConversationView(plain.id(), plain.tenant(), plain.visitorId(), plain.status(), plain.assigneeId(),
                plain.lastSeq(), plain.createdAtMillis(), handoff == null ? null : Json.read(handoff, Handoff.class),
                Arrays.asList(row.getArrayOfStrings("unmatched_skills")), visitor);
    }
}

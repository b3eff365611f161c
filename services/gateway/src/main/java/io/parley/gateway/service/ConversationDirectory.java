package io.parley.gateway.service;

import io.parley.common.event.SequencedMessage;
import io.parley.common.model.ConversationStatus;
import io.parley.common.model.Participant;
import io.parley.gateway.domain.ConversationView;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** Read-only queries on routing's tables (the gateway never writes them). */
@ApplicationScoped
public class ConversationDirectory {
    private static final String COLUMNS = "id, tenant_id, visitor_id, status, assignee_id, last_seq";
    private final Pool pool;

    public ConversationDirectory(Pool pool) {
        this.pool = pool;
    }

    public Uni<ConversationView> find(String conversationId) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM conversation WHERE id = $1")
                .execute(Tuple.of(conversationId))
                .map(rows -> rows.size() == 0 ? null : view(rows.iterator().next()));
    }

    /** A visitor's most recent conversations, newest first. */
    public Uni<List<ConversationView>> ofVisitor(String tenant, String visitorId) {
        return list("SELECT " + COLUMNS + " FROM conversation WHERE tenant_id = $1 AND visitor_id = $2"
                + " ORDER BY updated_at DESC LIMIT 50", Tuple.of(tenant, visitorId));
    }

    /** An agent's open conversations. */
    public Uni<List<ConversationView>> ofAgent(String tenant, String agentId) {
        return list("SELECT " + COLUMNS + " FROM conversation WHERE tenant_id = $1 AND assignee_id = $2"
                + " AND status <> 'closed' ORDER BY updated_at DESC LIMIT 200", Tuple.of(tenant, agentId));
    }

    public Uni<List<SequencedMessage>> messagesAfter(String conversationId, long afterSeq, int limit) {
        return pool.preparedQuery("""
                SELECT tenant_id, id, seq, client_msg_id, sender_kind, sender_id, sender_name, body,
                       created_at, received_at
                FROM message WHERE conversation_id = $1 AND seq > $2 ORDER BY seq LIMIT $3""")
                .execute(Tuple.of(conversationId, afterSeq, limit))
                .map(rows -> {
                    List<SequencedMessage> result = new ArrayList<>();
                    for (Row row : rows) {
                        Participant sender = new Participant(Participant.Kind.fromWire(row.getString("sender_kind")),
                                row.getString("sender_id"), row.getString("sender_name"));
                        result.add(new SequencedMessage(row.getString("tenant_id"), conversationId,
                                row.getString("id"), row.getLong("seq"), row.getString("client_msg_id"), sender,
                                row.getString("body"), row.getOffsetDateTime("created_at").toInstant().toEpochMilli(),
                                row.getOffsetDateTime("received_at").toInstant().toEpochMilli()));
                    }
                    return result;
                });
    }

    private Uni<List<ConversationView>> list(String sql, Tuple args) {
        return pool.preparedQuery(sql).execute(args).map(rows -> {
            List<ConversationView> result = new ArrayList<>();
            rows.forEach(row -> result.add(view(row)));
            return result;
        });
    }

    private static ConversationView view(Row row) {
        return new ConversationView(row.getString("id"), row.getString("tenant_id"), row.getString("visitor_id"),
                ConversationStatus.fromWire(row.getString("status")), row.getString("assignee_id"),
                row.getLong("last_seq"));
    }
}

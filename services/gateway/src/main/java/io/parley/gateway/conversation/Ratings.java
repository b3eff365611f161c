package io.parley.gateway.conversation;

import io.parley.common.event.ChannelEvent;
import io.parley.common.rest.ApiException;
import io.parley.common.wire.ServerFrame;
import io.parley.gateway.delivery.ConversationChannels;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Visitors' ratings (CSAT) of their closed conversations: stored once on the conversation's row (columns the gateway
 * owns, V18), then told to the visitor's other devices and to the agent the conversation was assigned to.
 */
@ApplicationScoped
public class Ratings {
    private final Pool pool;
    private final ConversationChannels channels;

    public Ratings(Pool pool, ConversationChannels channels) {
        this.pool = pool;
        this.channels = channels;
    }

    /** Stores the rating; fails with 404 (not this visitor's), 409 invalid_state (not closed) or 409 (rated). */
    public Uni<ServerFrame.Csat> rate(String tenant, String visitorId, String conversationId, int score, String comment) {
        String text = comment == null || comment.isBlank() ? null : comment.strip();
        return pool.preparedQuery("""
                UPDATE conversation SET csat_score = $4, csat_comment = $5, csat_at = now()
                WHERE id = $1 AND tenant_id = $2 AND visitor_id = $3 AND status = 'closed' AND csat_score IS NULL
                RETURNING assignee_id, csat_at""")
                .execute(Tuple.of(conversationId, tenant, visitorId, (short) score, text))
                .chain(rows -> {
                    if (rows.size() == 1) {
                        Row row = rows.iterator().next();
                        ServerFrame.Csat csat = new ServerFrame.Csat(conversationId, score, text,
                                row.getOffsetDateTime("csat_at").toInstant().toEpochMilli());
                        channels.publish(tenant, visitorId, row.getString("assignee_id"), ChannelEvent.of(csat));
                        return Uni.createFrom().item(csat);
                    }
                    return whyNot(tenant, visitorId, conversationId);
                });
    }

    private Uni<ServerFrame.Csat> whyNot(String tenant, String visitorId, String conversationId) {
        return pool.preparedQuery("SELECT status, csat_score FROM conversation WHERE id = $1 AND tenant_id = $2"
                + " AND visitor_id = $3").execute(Tuple.of(conversationId, tenant, visitorId)).map(rows -> {
                    if (rows.size() == 0) { // another visitor's or tenant's conversation looks absent
                        throw ApiException.notFound("no such conversation");
                    }
                    Row row = rows.iterator().next();
                    if (row.getValue("csat_score") != null) {
                        throw ApiException.conflict("this conversation is already rated");
                    }
                    throw new ApiException(409, "invalid_state", "a conversation can be rated once it is closed");
                });
    }
}

package io.parley.gateway.inbox;

import io.parley.common.json.Json;
import io.parley.common.model.Handoff;
import io.parley.common.model.VisitorProfile;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;

/** Reads one conversation of a tenant with its visitor, tags and rating (null when the tenant has no such one). */
@ApplicationScoped
public class ConversationDetailsQuery {
    private final Pool pool;

    public ConversationDetailsQuery(Pool pool) {
        this.pool = pool;
    }

    public Uni<ConversationDetails> find(String tenant, String id) {
        return pool.preparedQuery("""
                SELECT c.id, c.status, c.channel, c.group_id, c.priority, c.assignee_id, a.name AS assignee_name,
                       c.visitor_id, v.id AS v_id, v.name AS v_name, v.verified AS v_verified, v.claimed_id AS v_claimed,
                       v.attributes::text AS v_attributes, c.handoff::text AS handoff, c.unmatched_skills,
                       ARRAY(SELECT t.tag FROM conversation_tag t WHERE t.conversation_id = c.id ORDER BY t.tag) AS tags,
                       c.csat_score, c.csat_comment, c.csat_at, c.last_seq, c.created_at, c.first_response_at, c.closed_at
                FROM conversation c
                LEFT JOIN visitor v ON v.tenant_id = c.tenant_id AND v.id = c.visitor_id
                LEFT JOIN agent_profile a ON a.tenant_id = c.tenant_id AND a.agent_id = c.assignee_id
                WHERE c.id = $1 AND c.tenant_id = $2""")
                .execute(Tuple.of(id, tenant))
                .map(rows -> rows.size() == 0 ? null : details(rows.iterator().next()));
    }

    private static ConversationDetails details(Row row) {
        String assignee = row.getString("assignee_id");
        String handoff = row.getString("handoff");
        VisitorProfile visitor = row.getString("v_id") == null ? VisitorProfile.unknown(row.getString("visitor_id"))
                : VisitorProfile.stored(row.getString("v_id"), row.getString("v_name"), row.getBoolean("v_verified"),
                        row.getString("v_claimed"), row.getString("v_attributes"));
        Integer score = row.getInteger("csat_score");
        return new ConversationDetails(row.getString("id"), row.getString("status"), row.getString("channel"),
                row.getString("group_id"), row.getInteger("priority"),
                assignee == null ? null : new InboxItem.Agent(assignee, row.getString("assignee_name")), visitor,
                handoff == null ? null : Json.read(handoff, Handoff.class),
                Arrays.asList(row.getArrayOfStrings("unmatched_skills")), Arrays.asList(row.getArrayOfStrings("tags")),
                score == null ? null : new ConversationDetails.Csat(score, row.getString("csat_comment"),
                        row.getOffsetDateTime("csat_at")),
                row.getLong("last_seq"), row.getOffsetDateTime("created_at"), row.getOffsetDateTime("first_response_at"),
                row.getOffsetDateTime("closed_at"));
    }
}

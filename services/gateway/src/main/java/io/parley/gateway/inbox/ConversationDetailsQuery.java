package io.parley.gateway.inbox;

import io.parley.common.json.Json;
import io.parley.common.model.Handoff;
import io.parley.common.model.VisitorProfile;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads one conversation of a tenant with its visitor, tags and rating, and the visitor's other conversations and
 * tickets (null when the tenant has no such conversation).
 */
@ApplicationScoped
public class ConversationDetailsQuery {
    private final Pool pool;

    public ConversationDetailsQuery(Pool pool) {
        this.pool = pool;
    }

    public Uni<ConversationDetails> find(String tenant, String id) {
        return one(tenant, id).chain(details -> details == null ? Uni.createFrom().nullItem()
                : Uni.combine().all().unis(past(tenant, details.visitor().id(), id), tickets(tenant, details.visitor().id()))
                        .with((past, tickets) -> withHistory(details, past, tickets)));
    }

    /** The visitor's other conversations, newest first (conversation_by_visitor). */
    private Uni<List<ConversationDetails.Past>> past(String tenant, String visitorId, String except) {
        return pool.preparedQuery("""
                SELECT id, status, created_at, updated_at, csat_score FROM conversation
                WHERE tenant_id = $1 AND visitor_id = $2 AND id <> $3 ORDER BY updated_at DESC LIMIT 10""")
                .execute(Tuple.of(tenant, visitorId, except)).map(rows -> {
                    List<ConversationDetails.Past> result = new ArrayList<>();
                    rows.forEach(row -> result.add(new ConversationDetails.Past(row.getString("id"),
                            row.getString("status"), row.getOffsetDateTime("created_at"),
                            row.getOffsetDateTime("updated_at"), row.getInteger("csat_score"))));
                    return result;
                });
    }

    /** Tickets of any of the visitor's conversations, newest first (ticket_by_conversation). */
    private Uni<List<ConversationDetails.TicketRef>> tickets(String tenant, String visitorId) {
        return pool.preparedQuery("""
                SELECT t.id, t.subject, t.status, t.conversation_id, t.created_at FROM ticket t
                WHERE t.tenant_id = $1 AND t.conversation_id IN
                      (SELECT id FROM conversation WHERE tenant_id = $1 AND visitor_id = $2)
                ORDER BY t.created_at DESC LIMIT 10""")
                .execute(Tuple.of(tenant, visitorId)).map(rows -> {
                    List<ConversationDetails.TicketRef> result = new ArrayList<>();
                    rows.forEach(row -> result.add(new ConversationDetails.TicketRef(row.getLong("id"),
                            row.getString("subject"), row.getString("status"), row.getString("conversation_id"),
                            row.getOffsetDateTime("created_at"))));
                    return result;
                });
    }

    private static ConversationDetails withHistory(ConversationDetails d, List<ConversationDetails.Past> past,
            List<ConversationDetails.TicketRef> tickets) {
        return new ConversationDetails(d.id(), d.status(), d.channel(), d.groupId(), d.priority(), d.assignee(),
                d.visitor(), d.handoff(), d.unmatchedSkills(), d.tags(), d.csat(), d.lastSeq(), d.createdAt(),
                d.firstResponseAt(), d.closedAt(), past, tickets);
    }

    private Uni<ConversationDetails> one(String tenant, String id) {
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
                row.getOffsetDateTime("closed_at"), List.of(), List.of());
    }
}

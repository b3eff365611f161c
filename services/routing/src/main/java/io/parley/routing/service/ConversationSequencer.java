package io.parley.routing.service;

import io.parley.common.event.InboundMessage;
import io.parley.common.event.SequencedMessage;
import io.parley.common.model.MessagePart;
import io.parley.common.model.Participant;
import io.parley.common.model.RoutingHints;
import io.parley.routing.domain.ConversationRow;
import io.parley.routing.domain.SequencingOutcome;
import io.parley.routing.domain.SequencingPlan;
import io.parley.routing.domain.SequencingPlan.IdempotencyKey;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gives each inbound send its place in the conversation: {@code seq = last_seq + 1}, stored in the same
 * transaction that bumps {@code last_seq}, so a seq exists only for a durable message and has no gaps. A whole
 * Kafka batch is one transaction of at most five statements whatever its size (open, lock, look up earlier
 * copies, insert, bump): the round trips per batch, not per message, are what bound throughput. The unique key
 * (conversation, sender, clientMsgId) makes a redelivered or retried send return the message stored the first
 * time; it is looked up before seqs are handed out, so a duplicate never burns a seq.
 */
@ApplicationScoped
public class ConversationSequencer {
    private final Pool pool;

    public ConversationSequencer(Pool pool) {
        this.pool = pool;
    }

    /**
     * @param botByTenant the bot on duty per tenant: conversations those tenants open start with it (status
     *                    {@code bot}, {@code bot_id}); everyone else's start {@code queued}
     */
    public Uni<List<SequencingOutcome>> sequence(List<InboundMessage> batch, Map<String, String> botByTenant) {
        return pool.withTransaction(conn -> openConversations(conn, batch, botByTenant)
                .chain(opened -> lockConversations(conn, batch)
                        .chain(locked -> findStored(conn, batch)
                                .map(stored -> SequencingPlan.of(batch, opened, locked, stored,
                                        System::currentTimeMillis))))
                .call(plan -> insertMessages(conn, plan.inserts()))
                .call(plan -> bumpLastSeqs(conn, plan.lastSeqs()))
                .map(SequencingPlan::outcomes));
    }

    /** Creates the conversations that visitors' first sends open; the tenant must exist. Returns the new ids. */
    private Uni<Set<String>> openConversations(SqlConnection conn, List<InboundMessage> batch,
            Map<String, String> botByTenant) {
        Map<String, InboundMessage> firsts = new LinkedHashMap<>();
        for (InboundMessage in : batch) {
            if (in.newConversation() && in.sender().kind() == Participant.Kind.VISITOR) {
                firsts.putIfAbsent(in.conversationId(), in);
            }
        }
        if (firsts.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        int n = firsts.size();
        String[] groups = new String[n];
        String[] skills = new String[n];
        Integer[] priorities = new Integer[n];
        String[] bots = new String[n];
        int i = 0;
        for (InboundMessage in : firsts.values()) {
            RoutingHints hints = in.routing() == null ? RoutingHints.NONE : in.routing();
            groups[i] = hints.group();
            // One text per row (a 2-D array would need equal lengths): skills joined, split again in SQL.
            skills[i] = String.join(",", hints.skills());
            priorities[i] = hints.vip() ? 1 : 0;
            bots[i] = botByTenant.get(in.tenant());
            i++;
        }
        return conn.preparedQuery("""
                INSERT INTO conversation (id, tenant_id, visitor_id, status, queued_at, group_id, requested_skills,
                                          priority, bot_id)
                SELECT n.id, n.tenant, n.visitor, CASE WHEN n.bot IS NULL THEN 'queued' ELSE 'bot' END,
                       CASE WHEN n.bot IS NULL THEN now() END,
                       (SELECT g.id FROM skill_group g WHERE g.tenant_id = n.tenant AND g.id = n.grp),
                       coalesce(string_to_array(nullif(n.skills, ''), ','), '{}'), n.priority, n.bot
                FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[])
                     AS n(id, tenant, visitor, grp, skills, priority, bot)
                JOIN tenant t ON t.id = n.tenant
                ON CONFLICT (id) DO NOTHING RETURNING id""")
                .execute(Tuple.from(new Object[] {
                        firsts.keySet().toArray(String[]::new),
                        firsts.values().stream().map(InboundMessage::tenant).toArray(String[]::new),
                        firsts.values().stream().map(in -> in.sender().id()).toArray(String[]::new),
                        groups, skills, priorities, bots }))
                .map(rows -> {
                    Set<String> created = new HashSet<>();
                    rows.forEach(row -> created.add(row.getString("id")));
                    return created;
                });
    }

    /** Locks in id order, so two routers briefly sharing partitions during a rebalance cannot deadlock. */
    private Uni<Map<String, ConversationRow>> lockConversations(SqlConnection conn, List<InboundMessage> batch) {
        String[] ids = batch.stream().map(InboundMessage::conversationId).distinct().toArray(String[]::new);
        return conn.preparedQuery("SELECT " + ConversationRow.COLUMNS
                + " FROM conversation WHERE id = ANY($1) ORDER BY id FOR UPDATE")
                .execute(Tuple.of((Object) ids))
                .map(rows -> {
                    Map<String, ConversationRow> locked = new HashMap<>();
                    rows.forEach(row -> locked.put(row.getString("id"), ConversationRow.from(row)));
                    return locked;
                });
    }

    private Uni<Map<IdempotencyKey, SequencedMessage>> findStored(SqlConnection conn, List<InboundMessage> batch) {
        int n = batch.size();
        String[] conversations = new String[n];
        String[] kinds = new String[n];
        String[] senders = new String[n];
        String[] clientMsgIds = new String[n];
        for (int i = 0; i < n; i++) {
            InboundMessage in = batch.get(i);
            conversations[i] = in.conversationId();
            kinds[i] = in.sender().kind().wire();
            senders[i] = in.sender().id();
            clientMsgIds[i] = in.clientMsgId();
        }
        return conn.preparedQuery("""
                SELECT m.tenant_id, m.conversation_id, m.sender_kind, m.sender_id, m.client_msg_id, m.id, m.seq,
                       m.sender_name, m.body, m.received_at, m.created_at, m.parts::text AS parts
                FROM message m
                JOIN unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS k(conversation, kind, sender, cmid)
                  ON m.conversation_id = k.conversation AND m.sender_kind = k.kind
                 AND m.sender_id = k.sender AND m.client_msg_id = k.cmid""")
                .execute(Tuple.of(conversations, kinds, senders, clientMsgIds))
                .map(rows -> {
                    Map<IdempotencyKey, SequencedMessage> stored = new HashMap<>();
                    rows.forEach(row -> {
                        SequencedMessage message = storedMessage(row);
                        stored.put(new IdempotencyKey(message.conversationId(), message.sender().kind(),
                                message.sender().id(), message.clientMsgId()), message);
                    });
                    return stored;
                });
    }

    private static SequencedMessage storedMessage(Row row) {
        Participant sender = new Participant(Participant.Kind.fromWire(row.getString("sender_kind")),
                row.getString("sender_id"), row.getString("sender_name"));
        return new SequencedMessage(row.getString("tenant_id"), row.getString("conversation_id"),
                row.getString("id"), row.getLong("seq"), row.getString("client_msg_id"), sender,
                row.getString("body"), millis(row.getOffsetDateTime("created_at")),
                millis(row.getOffsetDateTime("received_at")), MessagePart.fromJson(row.getString("parts")));
    }

    private Uni<Void> insertMessages(SqlConnection conn, List<SequencedMessage> messages) {
        if (messages.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = messages.size();
        String[] conversations = new String[n];
        Long[] seqs = new Long[n];
        String[] ids = new String[n];
        String[] tenants = new String[n];
        String[] kinds = new String[n];
        String[] senders = new String[n];
        String[] names = new String[n];
        String[] clientMsgIds = new String[n];
        String[] bodies = new String[n];
        OffsetDateTime[] received = new OffsetDateTime[n];
        OffsetDateTime[] created = new OffsetDateTime[n];
        String[] parts = new String[n];
        for (int i = 0; i < n; i++) {
            SequencedMessage m = messages.get(i);
            conversations[i] = m.conversationId();
            seqs[i] = m.seq();
            ids[i] = m.id();
            tenants[i] = m.tenant();
            kinds[i] = m.sender().kind().wire();
            senders[i] = m.sender().id();
            names[i] = m.sender().name();
            clientMsgIds[i] = m.clientMsgId();
            bodies[i] = m.text();
            received[i] = offset(m.receivedAt());
            created[i] = offset(m.ts());
            parts[i] = MessagePart.toJson(m.parts());
        }
        return conn.preparedQuery("""
                INSERT INTO message (conversation_id, seq, id, tenant_id, sender_kind, sender_id, sender_name,
                                     client_msg_id, body, received_at, created_at, parts)
                SELECT c, s, i, t, k, sid, sn, cm, b, r, cr, p::jsonb
                FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[],
                            $7::text[], $8::text[], $9::text[], $10::timestamptz[], $11::timestamptz[], $12::text[])
                     AS u(c, s, i, t, k, sid, sn, cm, b, r, cr, p)""")
                .execute(Tuple.from(new Object[] { conversations, seqs, ids, tenants, kinds, senders, names,
                        clientMsgIds, bodies, received, created, parts }))
                .replaceWithVoid();
    }

    private Uni<Void> bumpLastSeqs(SqlConnection conn, Map<String, Long> lastSeqs) {
        if (lastSeqs.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return conn.preparedQuery("""
                UPDATE conversation c SET last_seq = v.seq, updated_at = now()
                FROM unnest($1::text[], $2::bigint[]) AS v(id, seq) WHERE c.id = v.id""")
                .execute(Tuple.of(lastSeqs.keySet().toArray(String[]::new),
                        lastSeqs.values().toArray(Long[]::new)))
                .replaceWithVoid();
    }

    private static OffsetDateTime offset(long epochMillis) {
        return OffsetDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
    }

    private static long millis(OffsetDateTime time) {
        return time.toInstant().toEpochMilli();
    }
}

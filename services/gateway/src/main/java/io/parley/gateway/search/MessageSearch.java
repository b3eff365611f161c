package io.parley.gateway.search;

import io.parley.common.model.Participant;
import io.parley.gateway.inbox.InboxCursor;
import io.parley.gateway.inbox.InboxItem;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Searches a tenant's history: messages through the {@code message_search} index (newest first, keyset pages) and,
 * on the first page, conversations whose visitor (name, claimed id or email, attribute values) or tag matches.
 */
@ApplicationScoped
public class MessageSearch {
    static final int CONVERSATION_MATCHES = 10;

    private final Pool pool;

    public MessageSearch(Pool pool) {
        this.pool = pool;
    }

    public Uni<SearchHit.Results> search(String tenant, SearchTerms terms, InboxCursor after, int limit) {
        Uni<List<SearchHit.ConversationMatch>> conversations = after == null ? conversations(tenant, terms)
                : Uni.createFrom().item(List.of());
        return messages(tenant, terms, after, limit).chain(page -> conversations.map(found -> {
            String next = null;
            List<SearchHit> hits = new ArrayList<>(page);
            if (hits.size() > limit) {
                hits.remove(hits.size() - 1);
                SearchHit last = hits.get(hits.size() - 1);
                next = new InboxCursor(last.at(), last.messageId()).encode();
            }
            return new SearchHit.Results(terms.terms(), hits, found, next);
        }));
    }

    private Uni<List<SearchHit>> messages(String tenant, SearchTerms terms, InboxCursor after, int limit) {
        List<Object> params = new ArrayList<>(List.of(tenant, terms.tsquery()));
        String keyset = "";
        if (after != null) {
            params.add(after.at());
            params.add(after.id());
            keyset = " AND (m.created_at, m.id) < ($3, $4)";
        }
        params.add(limit + 1);
        String sql = """
                SELECT m.conversation_id, m.seq, m.id, m.sender_kind, m.sender_id, m.sender_name, m.body, m.created_at,
                       c.status, c.visitor_id, v.name AS visitor_name, coalesce(v.verified, false) AS verified
                FROM message m
                JOIN conversation c ON c.id = m.conversation_id
                LEFT JOIN visitor v ON v.tenant_id = c.tenant_id AND v.id = c.visitor_id
                WHERE m.tenant_id = $1 AND parley_search_document(m.body) @@ to_tsquery('simple', $2)"""
                + keyset + " ORDER BY m.created_at DESC, m.id DESC LIMIT $" + params.size();
        return pool.preparedQuery(sql).execute(Tuple.from(params)).map(rows -> {
            List<SearchHit> hits = new ArrayList<>();
            for (Row row : rows) {
                Snippet snippet = Snippet.of(row.getString("body"), terms.terms());
                hits.add(new SearchHit(row.getString("conversation_id"), row.getLong("seq"), row.getString("id"),
                        new Participant(Participant.Kind.fromWire(row.getString("sender_kind")),
                                row.getString("sender_id"), row.getString("sender_name")),
                        row.getOffsetDateTime("created_at"), snippet.text(), snippet.highlights(),
                        row.getString("status"), visitor(row)));
            }
            return hits;
        });
    }

    /** Every term must occur in the visitor's name, claimed id or an attribute value, or be one of the tags. */
    private Uni<List<SearchHit.ConversationMatch>> conversations(String tenant, SearchTerms terms) {
        List<Object> params = new ArrayList<>(List.of(tenant));
        StringBuilder where = new StringBuilder();
        for (String term : terms.terms()) {
            params.add("%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            params.add(term);
            int like = params.size() - 1;
            where.append(" AND (v.name ILIKE $").append(like).append(" OR v.claimed_id ILIKE $").append(like)
                    .append(" OR EXISTS (SELECT 1 FROM jsonb_each(v.attributes) a WHERE a.value->>'value' ILIKE $")
                    .append(like).append(") OR EXISTS (SELECT 1 FROM conversation_tag t WHERE t.conversation_id = c.id")
                    .append(" AND t.tag = $").append(like + 1).append("))");
        }
        String sql = """
                SELECT c.id, c.status, c.visitor_id, v.name AS visitor_name, coalesce(v.verified, false) AS verified,
                       c.updated_at, v.claimed_id,
                       ARRAY(SELECT t.tag FROM conversation_tag t WHERE t.conversation_id = c.id ORDER BY t.tag) AS tags
                FROM conversation c
                LEFT JOIN visitor v ON v.tenant_id = c.tenant_id AND v.id = c.visitor_id
                WHERE c.tenant_id = $1""" + where + " ORDER BY c.updated_at DESC, c.id DESC LIMIT "
                + CONVERSATION_MATCHES;
        return pool.preparedQuery(sql).execute(Tuple.from(params)).map(rows -> {
            List<SearchHit.ConversationMatch> found = new ArrayList<>();
            for (Row row : rows) {
                List<String> tags = Arrays.asList(row.getArrayOfStrings("tags"));
                found.add(new SearchHit.ConversationMatch(row.getString("id"), row.getString("status"), visitor(row),
                        tags, matched(row, tags, terms), row.getOffsetDateTime("updated_at")));
            }
            return found;
        });
    }

    /** What matched, for the result line: a tag, else the visitor's name or claimed id, else an attribute. */
    private static String matched(Row row, List<String> tags, SearchTerms terms) {
        if (terms.terms().stream().allMatch(tags::contains)) {
            return "tag";
        }
        String name = row.getString("visitor_name");
        String claimed = row.getString("claimed_id");
        if (name != null && terms.terms().stream().allMatch(t -> Snippet.lowerSameLength(name).contains(t))) {
            return "name";
        }
        if (claimed != null && terms.terms().stream().allMatch(t -> Snippet.lowerSameLength(claimed).contains(t))) {
            return "email";
        }
        return "attributes";
    }

    private static InboxItem.Visitor visitor(Row row) {
        return new InboxItem.Visitor(row.getString("visitor_id"), row.getString("visitor_name"),
                row.getBoolean("verified"));
    }
}

package io.parley.gateway.search;

import io.parley.common.model.Participant;
import io.parley.gateway.inbox.ConversationTags;
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
 * Searches a tenant's history (migration V24): messages through {@code message.search} (newest first, keyset pages)
 * and, on the first page, conversations whose visitor (name, claimed id or email, attribute values) or tags match.
 */
@ApplicationScoped
public class MessageSearch {
    static final int CONVERSATION_MATCHES = 10;
    /** Newest messages the first plan looks through before it asks the index for every match. */
    static final int RECENT_WINDOW = 5_000;

    private final Pool pool;

    public MessageSearch(Pool pool) {
        this.pool = pool;
    }

    public Uni<SearchHit.Results> search(String tenant, SearchTerms terms, InboxCursor after, int limit) {
        Uni<List<SearchHit.ConversationMatch>> conversations = after == null ? conversations(tenant, terms)
                : Uni.createFrom().item(List.of());
        // Both at once: each is its own query on its own connection.
        return Uni.combine().all().unis(messages(tenant, terms, after, limit), conversations).with((page, found) -> {
            String next = null;
            List<SearchHit> hits = new ArrayList<>(page);
            if (hits.size() > limit) {
                hits.remove(hits.size() - 1);
                SearchHit last = hits.get(hits.size() - 1);
                next = new InboxCursor(last.at(), last.messageId()).encode();
            }
            return new SearchHit.Results(terms.terms(), hits, found, next);
        });
    }

    /**
     * Two plans, each bounded whatever PostgreSQL estimates (it underestimates Chinese phrases badly: their characters
     * come together): first the tenant's newest {@link #RECENT_WINDOW} messages walked in time order, stopping at a
     * full page, which is at once for any term that is not rare; only when that finds less than a page, every match
     * through the GIN index (a materialised set, so the planner cannot turn it back into a walk of the whole
     * history); the term is then rare (under one message in 250 lately), so there are few.
     */
    private Uni<List<SearchHit>> messages(String tenant, SearchTerms terms, InboxCursor after, int limit) {
        return page(tenant, terms, after, limit, true)
                .chain(recent -> recent.size() > limit ? Uni.createFrom().item(recent)
                        : page(tenant, terms, after, limit, false));
    }

    private Uni<List<SearchHit>> page(String tenant, SearchTerms terms, InboxCursor after, int limit, boolean recent) {
        List<Object> params = new ArrayList<>(List.of(tenant, terms.tsquery()));
        String keyset = "";
        if (after != null) {
            params.add(after.at());
            params.add(after.id());
            keyset = " AND (created_at, id) < ($3, $4)";
        }
        params.add(limit + 1);
        String candidates = recent
                ? "SELECT * FROM (SELECT * FROM message WHERE tenant_id = $1" + keyset
                        + " ORDER BY created_at DESC, id DESC LIMIT " + RECENT_WINDOW + ") newest"
                        + " WHERE search @@ to_tsquery('simple', $2)"
                : "SELECT * FROM message WHERE tenant_id = $1 AND search @@ to_tsquery('simple', $2)" + keyset;
        // The first plan must stop at the first full page, so only the second one is materialised.
        String sql = "WITH hits AS " + (recent ? "" : "MATERIALIZED ") + "(" + candidates + """
                )
                SELECT m.conversation_id, m.seq, m.id, m.sender_kind, m.sender_id, m.sender_name, m.body, m.created_at,
                       c.status, c.visitor_id, v.name AS visitor_name, coalesce(v.verified, false) AS verified
                FROM (SELECT * FROM hits ORDER BY created_at DESC, id DESC LIMIT $%d) m
                JOIN conversation c ON c.id = m.conversation_id
                LEFT JOIN visitor v ON v.tenant_id = c.tenant_id AND v.id = c.visitor_id
                ORDER BY m.created_at DESC, m.id DESC""".formatted(params.size());
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

    /**
     * Conversations whose visitor's document (name, claimed id or email, attribute values: {@code visitor.search})
     * matches every term, or that carry the whole query, or every term, as tags; most recently active first.
     */
    private Uni<List<SearchHit.ConversationMatch>> conversations(String tenant, SearchTerms terms) {
        String whole = ConversationTags.normalise(String.join(" ", terms.terms()));
        // A union of the few candidates, each found through an index, then joined: an OR of the three would make
        // PostgreSQL walk every conversation of the tenant.
        String sql = """
                WITH matched AS (
                    SELECT c.id FROM visitor v JOIN conversation c ON c.tenant_id = v.tenant_id AND c.visitor_id = v.id
                    WHERE v.tenant_id = $1 AND v.search @@ to_tsquery('simple', $2)
                    UNION SELECT conversation_id FROM conversation_tag WHERE tenant_id = $1 AND tag = $4
                    UNION SELECT conversation_id FROM conversation_tag WHERE tenant_id = $1 AND tag = ANY($3)
                          GROUP BY conversation_id HAVING count(*) = cardinality($3))
                SELECT c.id, c.status, c.visitor_id, v.name AS visitor_name, coalesce(v.verified, false) AS verified,
                       c.updated_at, v.claimed_id,
                       ARRAY(SELECT t.tag FROM conversation_tag t WHERE t.conversation_id = c.id ORDER BY t.tag) AS tags
                FROM matched JOIN conversation c ON c.id = matched.id
                LEFT JOIN visitor v ON v.tenant_id = c.tenant_id AND v.id = c.visitor_id
                ORDER BY c.updated_at DESC, c.id DESC LIMIT %d""".formatted(CONVERSATION_MATCHES);
        return pool.preparedQuery(sql)
                .execute(Tuple.of(tenant, terms.tsquery(), terms.terms().toArray(String[]::new), whole))
                .map(rows -> {
                    List<SearchHit.ConversationMatch> found = new ArrayList<>();
                    for (Row row : rows) {
                        List<String> tags = Arrays.asList(row.getArrayOfStrings("tags"));
                        found.add(new SearchHit.ConversationMatch(row.getString("id"), row.getString("status"),
                                visitor(row), tags, matched(row, tags, terms, whole), row.getOffsetDateTime("updated_at")));
                    }
                    return found;
                });
    }

    /** What matched, for the result line: a tag, else the visitor's name or claimed id, else an attribute. */
    private static String matched(Row row, List<String> tags, SearchTerms terms, String whole) {
        if (tags.contains(whole) || terms.terms().stream().allMatch(tags::contains)) {
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

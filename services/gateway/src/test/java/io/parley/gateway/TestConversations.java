package io.parley.gateway;

import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Conversations written straight into routing's tables, as routing would have stored them, for the REST tests of
 * what the gateway reads (inbox, search): a verified visitor, the conversation, its messages one second apart.
 */
public final class TestConversations {
    private final Pool pool;
    private final String tenant;
    private String status = "assigned";
    private String assignee;
    private String group;
    private int minutesAgo;
    private String visitorName;
    private String email;
    private String attributes = "{}";

    private TestConversations(Pool pool, String tenant) {
        this.pool = pool;
        this.tenant = tenant;
    }

    public static TestConversations in(Pool pool, String tenant) {
        return new TestConversations(pool, tenant);
    }

    public TestConversations status(String status) {
        this.status = status;
        return this;
    }

    public TestConversations assignee(String assignee) {
        this.assignee = assignee;
        return this;
    }

    public TestConversations group(String group) {
        this.group = group;
        return this;
    }

    /** Created, last active (and, when queued, queued) this many minutes ago. */
    public TestConversations minutesAgo(int minutes) {
        this.minutesAgo = minutes;
        return this;
    }

    public TestConversations visitor(String name, String email, String attributesJson) {
        this.visitorName = name;
        this.email = email;
        this.attributes = attributesJson;
        return this;
    }

    /**
     * Writes it with one message per body; a body of "visitor" or "agent" alone stands for a message of that sender
     * with the text "message N of ID", any other body is the visitor's text. Returns the conversation's id.
     */
    public String messages(String... bodies) {
        String id = "c-" + UUID.randomUUID();
        String visitor = "v-" + UUID.randomUUID().toString().substring(0, 8);
        OffsetDateTime at = OffsetDateTime.now().minusMinutes(minutesAgo);
        pool.preparedQuery("""
                INSERT INTO visitor (tenant_id, id, verified, name, claimed_id, attributes)
                VALUES ($1, $2, true, $3, $4, ($5::text)::jsonb)""")
                .executeAndAwait(Tuple.of(tenant, visitor, visitorName, email, attributes));
        pool.preparedQuery("""
                INSERT INTO conversation (id, tenant_id, visitor_id, status, assignee_id, group_id, last_seq, created_at,
                    updated_at, queued_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, CASE WHEN $4 = 'queued' THEN $8 END)""")
                .executeAndAwait(Tuple.from(java.util.Arrays.asList(id, tenant, visitor, status, assignee, group,
                        (long) bodies.length, at)));
        for (int i = 0; i < bodies.length; i++) {
            boolean agent = bodies[i].equals("agent");
            String text = agent || bodies[i].equals("visitor") ? "message " + (i + 1) + " of " + id : bodies[i];
            pool.preparedQuery("""
                    INSERT INTO message (conversation_id, seq, id, tenant_id, sender_kind, sender_id, client_msg_id, body,
                        received_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $3, $7, $8, $8)""")
                    .executeAndAwait(Tuple.from(List.of(id, (long) i + 1, UUID.randomUUID().toString(), tenant,
                            agent ? "agent" : "visitor", agent ? "alice" : visitor, text, at.plusSeconds(i))));
        }
        return id;
    }

    /**
     * Follows a keyset-paged list to its end: {@code page} fetches one page given the previous page's {@code next}
     * (null for the first); returns the ids at {@code idPath} in order and how many pages it took (at most 20).
     */
    public static Paged pageThrough(Function<String, ExtractableResponse<Response>> page, String idPath) {
        List<String> ids = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            var response = page.apply(next);
            ids.addAll(response.jsonPath().getList(idPath, String.class));
            next = response.jsonPath().getString("next");
            pages++;
        } while (next != null && pages < 20);
        return new Paged(ids, pages);
    }

    /** What {@link #pageThrough} saw. */
    public record Paged(List<String> ids, int pages) {
    }
}

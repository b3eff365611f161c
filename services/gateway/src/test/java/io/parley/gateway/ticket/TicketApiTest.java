package io.parley.gateway.ticket;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.common.Topics;
import io.parley.common.event.TicketChanged;
import io.parley.common.json.Json;
import io.parley.gateway.ChatClients;
import io.parley.gateway.RoutingProcessResource;
import io.parley.gateway.TestSocket;
import io.parley.testkit.TestTokens;
import io.parley.testkit.TopicTail;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ticket API on the real database (and, for replies, the real routing process and broker): validation,
 * tenant isolation, filters with keyset pages, history of changes, private notes, public replies that reach
 * the visitor in the ticket's conversation.
 */
@QuarkusTest
@WithTestResource(value = RoutingProcessResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class TicketApiTest {
    static final String ORIGIN = "https://shop.example";

    @Inject
    Pool pool;
    @Inject
    Vertx vertx;
    @TestHTTPResource("/")
    URL base;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    String tenant;

    @BeforeEach
    void tenant() {
        tenant = "tk-" + UUID.randomUUID().toString().substring(0, 8);
        pool.preparedQuery("INSERT INTO tenant (id, name, allowed_origins) VALUES ($1, $1, $2)")
                .executeAndAwait(Tuple.of(tenant, new String[] { ORIGIN }));
    }

    RequestSpecification as(String tenantId, String user) {
        return given().contentType("application/json")
                .header("Authorization", "Bearer " + TestTokens.token(tenantId, user, "agent"));
    }

    long create(String body) {
        return as(tenant, "alice").body(body).post("/api/v1/tickets").then().statusCode(201).extract().jsonPath()
                .getLong("id");
    }

    @Test
    void badInputIsNamedAndOtherTenantsSeeNothing() {
        given().contentType("application/json").body("{}").post("/api/v1/tickets").then().statusCode(401);
        as(tenant, "alice").body("{\"priority\":\"asap\",\"tags\":[\"\"]}").post("/api/v1/tickets").then()
                .statusCode(400).body("message", equalTo("'priority' must be one of low, normal, high, urgent;"
                        + " 'requesterId' is required: 1..64 of A-Z a-z 0-9 _ . @ -; 'subject' is required: 1..200"
                        + " characters; each of 'tags' must be 1..50 characters"));
        as(tenant, "alice").body("{\"subject\":\"x\",\"requesterId\":\"v1\",\"tags\":\"x\"}").post("/api/v1/tickets")
                .then().statusCode(400).body("message", equalTo("'tags' has the wrong type"));
        as(tenant, "alice").body("[]").post("/api/v1/tickets").then().statusCode(400)
                .body("message", equalTo("body must be a JSON object"));
        as(tenant, "alice").body("{\"subject\":\"x\",\"requesterId\":\"v1\",\"conversationId\":\"nope\"}")
                .post("/api/v1/tickets").then().statusCode(404);
        long id = create("{\"subject\":\"Refund\",\"requesterId\":\"v1\"}");
        String other = "tk-" + UUID.randomUUID().toString().substring(0, 8);
        as(other, "eve").get("/api/v1/tickets/" + id).then().statusCode(404);
        as(other, "eve").body("{\"status\":\"closed\"}").patch("/api/v1/tickets/" + id).then().statusCode(404);
        as(other, "eve").body("{\"body\":\"hi\"}").post("/api/v1/tickets/" + id + "/notes").then().statusCode(404);
        as(other, "eve").get("/api/v1/tickets").then().statusCode(200).body("tickets", hasSize(0));
        as(tenant, "alice").body("{\"status\":\"gone\",\"subject\":\"new\"}").patch("/api/v1/tickets/" + id).then()
                .statusCode(400).body("message", equalTo("'status' must be one of open, pending, solved, closed;"
                        + " 'subject' cannot be changed"));
        as(tenant, "alice").get("/api/v1/tickets?status=done&limit=0&after=zzz&createdFrom=today").then()
                .statusCode(400);
        as(tenant, "alice").get("/api/v1/tickets/" + id).then().statusCode(200).body("ticket.status", equalTo("open"))
                .body("entries", hasSize(0));
    }

    @Test
    void agentsOfTheTenantSeeTicketChangesLiveOthersDoNot() throws Exception {
        String other = "tk-" + UUID.randomUUID().toString().substring(0, 8);
        pool.preparedQuery("INSERT INTO tenant (id, name, allowed_origins) VALUES ($1, $1, $2)")
                .executeAndAwait(Tuple.of(other, new String[] { ORIGIN }));
        try (TestSocket alice = TestSocket.connect(vertx, base.getPort(), "/ws/agent",
                TestTokens.token(tenant, "alice", "agent"), ORIGIN);
                TestSocket eve = TestSocket.connect(vertx, base.getPort(), "/ws/agent",
                        TestTokens.token(other, "eve", "agent"), ORIGIN)) {
            assertEquals("welcome", alice.next().path("type").asText());
            assertEquals("welcome", eve.next().path("type").asText());
            // The gateway's ticket consumer starts at the end of the topic once it has partitions: until the
            // first event arrives, a ticket a second.
            JsonNode created = null;
            for (int attempt = 0; attempt < 30 && created == null; attempt++) {
                create("{\"subject\":\"Live\",\"requesterId\":\"v1\",\"tags\":[\"live\"]}");
                JsonNode frame = alice.frames.poll(1, TimeUnit.SECONDS);
                while (frame != null && !frame.path("type").asText().equals("ticket")) {
                    frame = alice.frames.poll(100, TimeUnit.MILLISECONDS);
                }
                created = frame;
            }
            assertNotNull(created, "no ticket frame within 30 s");
            long liveId = created.path("ticketId").asLong();
            assertEquals("created", created.path("change").asText());
            assertEquals("open", created.path("status").asText());
            assertEquals("live", created.path("tags").path(0).asText());
            assertEquals("alice", created.path("actor").asText());

            as(tenant, "alice").body("{\"status\":\"pending\",\"assigneeId\":\"bob\"}")
                    .patch("/api/v1/tickets/" + liveId).then().statusCode(200);
            JsonNode updated = nextTicket(alice, liveId, "updated");
            assertEquals("pending", updated.path("status").asText());
            assertEquals("bob", updated.path("assignee").asText());
            as(tenant, "alice").body("{\"body\":\"secret note\"}").post("/api/v1/tickets/" + liveId + "/notes")
                    .then().statusCode(201);
            JsonNode note = nextTicket(alice, liveId, "note");
            assertFalse(note.toString().contains("secret note"), "a frame never carries the text: " + note);

            // Another tenant's agent heard none of it.
            Thread.sleep(500);
            for (JsonNode frame : eve.frames) {
                assertNotEquals("ticket", frame.path("type").asText(), frame.toString());
            }
        }
    }

    static JsonNode nextTicket(TestSocket socket, long id, String change) throws InterruptedException {
        while (true) {
            JsonNode frame = socket.next("ticket");
            if (frame.path("ticketId").asLong() == id && frame.path("change").asText().equals(change)) {
                return frame;
            }
        }
    }

    @Test
    void listsFilterSortAndPageByKeyset() {
        for (int i = 0; i < 30; i++) {
            create("{\"subject\":\"t" + i + "\",\"requesterId\":\"v" + i + "\",\"assigneeId\":\""
                    + (i % 3 == 0 ? "bob" : "alice") + "\",\"tags\":[" + (i % 5 == 0 ? "\"vip\"" : "") + "]}");
        }
        // pages of 10, newest first, no overlaps, then the end
        List<String> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            var page = as(tenant, "alice").get("/api/v1/tickets?limit=10" + (after == null ? "" : "&after=" + after))
                    .then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("tickets.subject"));
            after = page.getString("next");
            pages++;
        } while (after != null);
        assertEquals(30, seen.size());
        assertEquals(30, new HashSet<>(seen).size(), "no ticket on two pages");
        assertEquals("t29", seen.get(0));
        assertEquals("t0", seen.get(29));
        assertEquals(4, pages, "three full pages and an empty last one");

        as(tenant, "alice").get("/api/v1/tickets?assignee=bob&sort=created_asc&limit=100").then().statusCode(200)
                .body("tickets", hasSize(10)).body("tickets[0].subject", equalTo("t0"));
        as(tenant, "alice").get("/api/v1/tickets?tag=vip&limit=100").then().statusCode(200)
                .body("tickets", hasSize(6)).body("tickets.tags", everyItem(contains("vip")));
        long first = as(tenant, "alice").get("/api/v1/tickets?sort=created_asc&limit=1").then().extract().jsonPath()
                .getLong("tickets[0].id");
        as(tenant, "alice").body("{\"status\":\"pending\"}").patch("/api/v1/tickets/" + first).then().statusCode(200);
        as(tenant, "alice").get("/api/v1/tickets?status=pending&assignee=bob").then().statusCode(200)
                .body("tickets", hasSize(1)).body("tickets[0].id", equalTo((int) first));
        as(tenant, "alice").get("/api/v1/tickets?status=active&limit=100").then().body("tickets", hasSize(30));
        as(tenant, "alice").get("/api/v1/tickets?status=solved").then().body("tickets", hasSize(0));
        as(tenant, "alice").get("/api/v1/tickets?createdFrom=2000-01-01T00:00:00Z&createdTo=2001-01-01T00:00:00Z")
                .then().body("tickets", hasSize(0));
    }

    @Test
    void changesAreHistoryNotesArePrivateAndRepliesReachTheVisitor() throws Exception {
        String token = given().contentType("application/json").header("Origin", ORIGIN)
                .body("{\"tenant\":\"" + tenant + "\"}").post("/api/v1/widget/sessions").then().statusCode(201)
                .extract().path("token");
        try (TestSocket visitor = TestSocket.connect(vertx, base.getPort(), "/ws/visitor", token, ORIGIN)) {
            visitor.next();
            visitor.send(ChatClients.send("m1", null, "I left a message while you were closed"));
            String conversation = visitor.next("ack").path("conversationId").asText();
            long id = create("{\"subject\":\"Offline message\",\"requesterId\":\"v\",\"conversationId\":\""
                    + conversation + "\",\"body\":\"created from the chat\"}");

            as(tenant, "alice").body("{\"status\":\"pending\",\"assigneeId\":\"bob\",\"tags\":[\"refund\"]}")
                    .patch("/api/v1/tickets/" + id).then().statusCode(200).body("status", equalTo("pending"));
            as(tenant, "bob").body("{\"body\":\"customer is a repeat buyer\"}").post("/api/v1/tickets/" + id + "/notes")
                    .then().statusCode(201).body("delivered", equalTo(false));
            as(tenant, "bob").body("{\"body\":\"Your refund is on its way.\"}").post("/api/v1/tickets/" + id + "/replies")
                    .then().statusCode(201).body("delivered", equalTo(true));

            JsonNode reply = visitor.next("message");
            assertEquals("Your refund is on its way.", reply.path("text").asText());
            assertEquals("system", reply.path("sender").path("kind").asText());
            assertEquals("bob", reply.path("sender").path("name").asText());
            assertEquals(conversation, reply.path("conversationId").asText());

            as(tenant, "alice").get("/api/v1/tickets/" + id).then().statusCode(200)
                    .body("ticket.assigneeId", equalTo("bob")).body("ticket.tags", contains("refund"))
                    .body("entries.kind", contains("note", "change", "note", "reply"))
                    .body("entries[1].change.before.status", equalTo("open"))
                    .body("entries[1].change.after.status", equalTo("pending"))
                    .body("entries[1].change.before.assigneeId", nullValue())
                    .body("entries[3].authorId", equalTo("bob"));
            // the private note never went to the conversation
            Set<String> texts = new HashSet<>();
            JsonNode frame;
            while ((frame = visitor.frames.poll()) != null) {
                texts.add(frame.path("text").asText());
            }
            assertTrue(!texts.contains("customer is a repeat buyer"));
        }
    }

    @Test
    void everyChangeGoesOutOnTheTicketsTopicInOrder() throws Exception {
        try (KafkaConsumer<String, String> consumer = TopicTail.open(bootstrap, Topics.TICKETS)) {

            long id = create("{\"subject\":\"Broken zipper\",\"requesterId\":\"v9\",\"tags\":[\"returns\"]}");
            as(tenant, "bob").body("{\"status\":\"pending\",\"assigneeId\":\"bob\"}").patch("/api/v1/tickets/" + id)
                    .then().statusCode(200);
            as(tenant, "bob").body("{\"body\":\"asked for a photo\"}").post("/api/v1/tickets/" + id + "/notes")
                    .then().statusCode(201);
            String other = "tk-" + UUID.randomUUID().toString().substring(0, 8);
            as(other, "eve").body("{\"status\":\"closed\"}").patch("/api/v1/tickets/" + id).then().statusCode(404);

            List<TicketChanged> events = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 15_000;
            while (events.size() < 3 && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    TicketChanged event = Json.read(record.value(), TicketChanged.class);
                    if (event.tenant().equals(tenant)) {
                        assertEquals(Long.toString(id), record.key());
                        events.add(event);
                    }
                }
            }
            consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                TicketChanged late = Json.read(record.value(), TicketChanged.class);
                assertTrue(!late.tenant().equals(other), "a refused change must not be announced");
            });
            assertEquals(List.of("created", "updated", "note"), events.stream().map(TicketChanged::kind).toList());
            assertEquals(List.of("alice", "bob", "bob"), events.stream().map(TicketChanged::actorId).toList());
            TicketChanged updated = events.get(1);
            assertEquals("pending", updated.status());
            assertEquals("bob", updated.assigneeId());
            assertEquals(List.of("returns"), updated.tags());
            awaitOutboxEmpty(id); // sent events leave the outbox (the relay deletes them once the broker has them)

            // An event another service committed to the outbox (routing, for a ticket opened offline) goes out
            // through this gateway's relay, then leaves the outbox too.
            long routingTicket = 900_000_000L + (System.nanoTime() % 1_000_000);
            TicketChanged fromRouting = new TicketChanged(tenant, routingTicket, "created", null, "open", "normal",
                    null, null, List.of("offline"), "offline-desk", System.currentTimeMillis());
            pool.preparedQuery("INSERT INTO ticket_outbox (ticket_id, payload) VALUES ($1, $2)")
                    .executeAndAwait(Tuple.of(routingTicket, Json.write(fromRouting)));
            TicketChanged relayed = null;
            deadline = System.currentTimeMillis() + 15_000;
            while (relayed == null && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    TicketChanged event = Json.read(record.value(), TicketChanged.class);
                    if (event.ticketId() == routingTicket) {
                        assertEquals(Long.toString(routingTicket), record.key());
                        relayed = event;
                    }
                }
            }
            assertEquals(fromRouting, relayed);
            awaitOutboxEmpty(routingTicket);
        }
    }

    void awaitOutboxEmpty(long ticketId) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5_000;
        long rows;
        while ((rows = pool.preparedQuery("SELECT count(*) FROM ticket_outbox WHERE ticket_id = $1")
                .executeAndAwait(Tuple.of(ticketId)).iterator().next().getLong(0)) > 0) {
            assertTrue(System.currentTimeMillis() < deadline, rows + " events of ticket " + ticketId + " still waiting");
            Thread.sleep(100);
        }
    }
}

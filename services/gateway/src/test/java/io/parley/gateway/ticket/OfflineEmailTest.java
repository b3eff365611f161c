package io.parley.gateway.ticket;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.common.json.Json;
import io.parley.testkit.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Offline contact (docs/widget.md, docs/tickets.md): a visitor nobody could answer leaves an email address in the
 * chat; the conversation's open ticket carries it, and a reply to the ticket reaches a real SMTP server (GreenMail,
 * in this JVM) threaded under the ticket, as well as the chat. Bad input stores nothing.
 */
@QuarkusTest
@WithTestResource(value = SmtpServer.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class OfflineEmailTest {
    static final String ORIGIN = "https://shop.example";

    @Inject
    Pool pool;

    String tenant;
    String visitorId;
    String token;
    String conversation;
    long ticket;

    @BeforeEach
    void offlineConversation() {
        tenant = "mail-" + UUID.randomUUID().toString().substring(0, 8);
        pool.preparedQuery("INSERT INTO tenant (id, name, allowed_origins) VALUES ($1, $1, $2)")
                .executeAndAwait(Tuple.of(tenant, new String[] { ORIGIN }));
        JsonNode session = Json.read(given().contentType("application/json").header("Origin", ORIGIN)
                .body("{\"tenant\":\"" + tenant + "\"}").post("/api/v1/widget/sessions").then().statusCode(201)
                .extract().asString(), JsonNode.class);
        visitorId = session.path("visitorId").asText();
        token = session.path("token").asText();
        // What routing's offline desk leaves behind: an open conversation and its offline ticket.
        conversation = UUID.randomUUID().toString();
        pool.preparedQuery("INSERT INTO conversation (id, tenant_id, visitor_id, status) VALUES ($1, $2, $3, 'open')")
                .executeAndAwait(Tuple.of(conversation, tenant, visitorId));
        ticket = pool.preparedQuery("INSERT INTO ticket (tenant_id, conversation_id, subject, requester_id, tags)"
                + " VALUES ($1, $2, 'Where is my parcel?', $3, '{offline}') RETURNING id")
                .executeAndAwait(Tuple.of(tenant, conversation, visitorId)).iterator().next().getLong(0);
    }

    ValidatableResponse contact(String conversationId, String bearer, String body) {
        var request = given().contentType("application/json").header("Origin", ORIGIN);
        if (bearer != null) {
            request = request.header("Authorization", "Bearer " + bearer);
        }
        return request.body(body).post("/api/v1/conversations/" + conversationId + "/contact").then();
    }

    String storedEmail() {
        return pool.preparedQuery("SELECT requester_email FROM ticket WHERE id = $1").executeAndAwait(Tuple.of(ticket))
                .iterator().next().getString(0);
    }

    @Test
    void theVisitorsAddressGetsTheRepliesByMail() throws Exception {
        contact(conversation, token, "{\"email\":\"ann@example.com\",\"name\":\"Ann\",\"locale\":\"zh-CN\"}")
                .statusCode(204);
        assertEquals("ann@example.com", storedEmail());
        // The receipt, in the visitor's language: the thread's root.
        assertTrue(SmtpServer.mail.waitForIncomingEmail(10_000, 1), "no receipt reached the SMTP server");
        MimeMessage receipt = SmtpServer.mail.getReceivedMessagesForDomain("example.com")[0];
        assertEquals("Where is my parcel? [#" + ticket + "]", receipt.getSubject());
        assertEquals("<ticket-" + ticket + "@parley.local>", receipt.getHeader("Message-ID")[0]);
        assertTrue(String.valueOf(receipt.getContent()).contains("感谢您的留言"), "receipt: " + receipt.getContent());
        String agent = "Bearer " + TestTokens.token(tenant, "alice", "agent");
        given().header("Authorization", agent).get("/api/v1/tickets/" + ticket).then().statusCode(200)
                .body("ticket.requesterEmail", equalTo("ann@example.com")).body("ticket.requesterName", equalTo("Ann"))
                .body("entries[0].kind", equalTo("change")).body("entries[0].authorKind", equalTo("visitor"));

        given().header("Authorization", agent).contentType("application/json")
                .body("{\"body\":\"It left our warehouse today.\"}").post("/api/v1/tickets/" + ticket + "/replies")
                .then().statusCode(201).body("delivered", equalTo(true)).body("emailed", equalTo(true));
        assertTrue(SmtpServer.mail.waitForIncomingEmail(10_000, 2), "no reply reached the SMTP server");
        MimeMessage mail = SmtpServer.mail.getReceivedMessagesForDomain("example.com")[1];
        assertEquals("ann@example.com", mail.getAllRecipients()[0].toString());
        assertEquals("Re: Where is my parcel? [#" + ticket + "]", mail.getSubject());
        assertEquals("<ticket-" + ticket + "@parley.local>", mail.getHeader("In-Reply-To")[0]);
        assertTrue(String.valueOf(mail.getContent()).contains("It left our warehouse today."), "body: " + mail.getContent());
        assertTrue(mail.getFrom()[0].toString().contains("support@acme.example"));
    }

    @Test
    void badContactsAreRefusedAndStoreNothing() {
        contact(conversation, null, "{\"email\":\"ann@example.com\"}").statusCode(401);
        for (String body : new String[] { "{}", "{\"email\":\"not-an-address\"}", "{\"email\":\"a@b\"}",
                "{\"email\":\"" + "a".repeat(250) + "@example.com\"}", "{\"email\":\"ann@example.com\",\"name\":\""
                        + "n".repeat(101) + "\"}", "{\"email\":\"ann@example.com\",\"locale\":\"fr\"}", "[]",
                "{\"email\":" }) {
            contact(conversation, token, body).statusCode(400).body("error", equalTo("bad_request"));
        }
        contact(conversation, token, "{}").body("message",
                equalTo("'email' is required: an email address of at most 254 characters"));
        // Another visitor's conversation, or none at all, looks absent.
        String other = Json.read(given().contentType("application/json").header("Origin", ORIGIN)
                .body("{\"tenant\":\"" + tenant + "\"}").post("/api/v1/widget/sessions").then().extract().asString(),
                JsonNode.class).path("token").asText();
        contact(conversation, other, "{\"email\":\"eve@example.com\"}").statusCode(404);
        contact(UUID.randomUUID().toString(), token, "{\"email\":\"ann@example.com\"}").statusCode(404);
        given().contentType("application/json").header("Origin", "https://evil.example")
                .header("Authorization", "Bearer " + token).body("{\"email\":\"ann@example.com\"}")
                .post("/api/v1/conversations/" + conversation + "/contact").then().statusCode(403);
        assertNull(storedEmail(), "nothing stored");
        // Once the ticket is solved there is nothing to carry the address.
        pool.preparedQuery("UPDATE ticket SET status = 'solved' WHERE id = $1").executeAndAwait(Tuple.of(ticket));
        contact(conversation, token, "{\"email\":\"ann@example.com\"}").statusCode(409)
                .body("error", equalTo("invalid_state"));
        assertNull(storedEmail());
    }
}

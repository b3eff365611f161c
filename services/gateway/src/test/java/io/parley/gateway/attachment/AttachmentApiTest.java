package io.parley.gateway.attachment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.common.json.Json;
import io.parley.gateway.RoutingProcessResource;
import io.parley.gateway.TestSocket;
import io.parley.gateway.TestTenants;
import io.parley.testkit.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Attachments end to end (docs/protocol.md, "Attachments"): uploaded by a visitor, carried by a message through the
 * real routing process, seen and downloaded by the tenant's agents, hidden from everyone else; bad uploads refused
 * with nothing stored.
 */
@QuarkusTest
@WithTestResource(value = RoutingProcessResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class AttachmentApiTest {
    static final String ORIGIN = "https://shop.example";
    static final int LIMIT = 4096;

    @Inject
    Pool pool;
    @Inject
    Vertx vertx;
    @TestHTTPResource("/")
    URL base;
    @Inject
    UnsentUploads unsent;

    String tenant;

    /** A tenant whose upload limit is {@link #LIMIT}. */
    @BeforeEach
    void tenant() {
        tenant = newTenant("{\"maxUploadBytes\":" + LIMIT + "}");
    }

    String newTenant(String widget) {
        return TestTenants.create(pool, "files", ORIGIN, widget);
    }

    String[] visitor() {
        return TestTenants.visitor(tenant, ORIGIN);
    }

    ValidatableResponse upload(String token, String name, byte[] body) {
        var request = given().contentType("application/octet-stream").header("Origin", ORIGIN).body(body);
        if (token != null) {
            request = request.header("Authorization", "Bearer " + token);
        }
        return (name == null ? request : request.queryParam("name", name)).post("/api/v1/attachments").then();
    }

    ValidatableResponse download(String token, String id) {
        var request = given();
        if (token != null) {
            request = request.header("Authorization", "Bearer " + token);
        }
        return request.get("/api/v1/attachments/" + id).then();
    }

    long stored() {
        return pool.preparedQuery("SELECT count(*) FROM attachment WHERE tenant_id = $1")
                .executeAndAwait(Tuple.of(tenant)).iterator().next().getLong(0);
    }

    String conversationOf(String attachment) {
        return pool.preparedQuery("SELECT conversation_id FROM attachment WHERE id = $1")
                .executeAndAwait(Tuple.of(attachment)).iterator().next().getString(0);
    }

    @Test
    void aVisitorsImageAndPdfReachTheAgentAndNobodyElse() throws Exception {
        tenant = newTenant("{}"); // the default limit, 10 MiB
        String[] ann = visitor();
        byte[] pdf = Arrays.copyOf(UploadTest.PDF, 300_000); // more than one chunk
        String image = upload(ann[1], "cat.png", UploadTest.PNG).statusCode(201).body("type", equalTo("image"))
                .body("name", equalTo("cat.png")).body("contentType", equalTo("image/png"))
                .body("size", equalTo(UploadTest.PNG.length)).extract().path("id");
        String pdfId = given().contentType("application/pdf").header("Origin", ORIGIN)
                .header("Authorization", "Bearer " + ann[1]).queryParam("name", "<img src=x onerror=alert(1)> März.pdf")
                .body(pdf).post("/api/v1/attachments").then().statusCode(201).body("type", equalTo("file"))
                .body("contentType", equalTo("application/pdf")).extract().path("id");
        download(ann[1], pdfId).statusCode(200); // the uploader may read it before sending

        String conversation;
        try (TestSocket socket = TestSocket.connect(vertx, base.getPort(), "/ws/visitor", ann[1], ORIGIN)) {
            socket.next("welcome");
            socket.send("{\"type\":\"send\",\"clientMsgId\":\"c1\",\"attachments\":[\"" + image + "\",\"" + pdfId
                    + "\"]}");
            conversation = socket.next("ack").path("conversationId").asText();
        }
        String alice = TestTokens.token(tenant, "alice", "agent");
        JsonNode message = Json.read(given().header("Authorization", "Bearer " + alice)
                .get("/api/v1/conversations/" + conversation + "/messages").then().statusCode(200).extract().asString(),
                JsonNode.class).path("messages").get(0);
        assertEquals("", message.path("text").asText());
        assertEquals("image", message.path("parts").get(0).path("type").asText());
        assertEquals(image, message.path("parts").get(0).path("id").asText());
        assertEquals("file", message.path("parts").get(1).path("type").asText());
        assertEquals("<img src=x onerror=alert(1)> März.pdf", message.path("parts").get(1).path("name").asText());

        byte[] png = download(alice, image).statusCode(200).contentType("image/png")
                .header("Content-Disposition", startsWith("inline"))
                .header("X-Content-Type-Options", "nosniff").extract().asByteArray();
        assertArrayEquals(UploadTest.PNG, png);
        byte[] got = download(alice, pdfId).statusCode(200).contentType("application/pdf")
                .header("Content-Disposition",
                        equalTo("attachment; filename=\"<img src=x onerror=alert(1)> M_rz.pdf\"; filename*=UTF-8''"
                                + "%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E%20M%C3%A4rz.pdf"))
                .header("X-Content-Type-Options", "nosniff").header("Content-Security-Policy", startsWith("default-src 'none'"))
                .extract().asByteArray();
        assertArrayEquals(pdf, got, "the chunks come back in order");

        // Another visitor of the tenant, another tenant's agent, nobody: it does not exist for them.
        download(visitor()[1], image).statusCode(404).body("error", equalTo("not_found"));
        download(TestTokens.token("other-" + tenant, "eve", "agent"), image).statusCode(404);
        download(null, image).statusCode(401);
        download(ann[1] + "x", image).statusCode(401);
        download(alice, "no-such-id").statusCode(404);
    }

    @Test
    void badUploadsGetAClearErrorAndStoreNothing() throws Exception {
        String[] ann = visitor();
        upload(ann[1], "big.png", Arrays.copyOf(UploadTest.PNG, LIMIT + 1)).statusCode(413)
                .body("error", equalTo("too_large"))
                .body("message", equalTo("the file has " + (LIMIT + 1) + " bytes; this tenant's limit is " + LIMIT + " bytes"));
        upload(ann[1], "cat.png", UploadTest.PDF).statusCode(415).body("error", equalTo("type_mismatch"));
        upload(ann[1], "setup.exe", new byte[] { 'M', 'Z', (byte) 0x90, 0 }).statusCode(415)
                .body("error", equalTo("unsupported_type"));
        upload(ann[1], "page.html", "<img src=x onerror=alert(1)>".getBytes(StandardCharsets.UTF_8)).statusCode(415)
                .body("error", equalTo("unsupported_type"));
        upload(ann[1], "empty.txt", new byte[0]).statusCode(400).body("error", equalTo("bad_request"));
        upload(null, "cat.png", UploadTest.PNG).statusCode(401);
        given().contentType("application/octet-stream").header("Origin", "https://evil.example")
                .header("Authorization", "Bearer " + ann[1]).body(UploadTest.PNG).post("/api/v1/attachments").then()
                .statusCode(403);
        // Above the gateway's ceiling for any tenant: refused before the body is read.
        upload(ann[1], "huge.png", new byte[26 * 1024 * 1024]).statusCode(413).body("error", equalTo("too_large"));
        assertEquals(0, stored());

        // An agent uploads too; a JSON endpoint keeps its 64 KiB limit, and a body must say its length.
        upload(TestTokens.token(tenant, "alice", "agent"), "notes.txt", "hello".getBytes(StandardCharsets.UTF_8))
                .statusCode(201).body("type", equalTo("file"));
        given().contentType("application/json").header("Origin", ORIGIN).header("Authorization", "Bearer " + ann[1])
                .body("{\"score\":5,\"comment\":\"" + "x".repeat(70_000) + "\"}")
                .post("/api/v1/conversations/c/rating").then().statusCode(413).body("error", equalTo("too_large"));
        HttpResponse<String> chunked = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(
                URI.create(base + "api/v1/widget/sessions")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(
                        ("{\"tenant\":\"" + tenant + "\"}").getBytes(StandardCharsets.UTF_8)))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(411, chunked.statusCode());
        assertEquals("length_required", Json.read(chunked.body(), JsonNode.class).path("error").asText());
        assertEquals(1, stored());
    }

    @Test
    void aMessageCarriesOnlyItsSendersOwnAttachments() throws Exception {
        String[] ann = visitor();
        String[] bob = visitor();
        String annsFile = upload(ann[1], "a.png", UploadTest.PNG).statusCode(201).extract().path("id");
        String bobsFile = upload(bob[1], "b.png", UploadTest.PNG).statusCode(201).extract().path("id");
        try (TestSocket socket = TestSocket.connect(vertx, base.getPort(), "/ws/visitor", bob[1], ORIGIN)) {
            socket.next("welcome");
            socket.send("{\"type\":\"send\",\"clientMsgId\":\"b1\",\"text\":\"mine\",\"attachments\":[\"" + bobsFile
                    + "\",\"" + annsFile + "\"]}");
            JsonNode refused = socket.next("error");
            assertEquals("not_found", refused.path("code").asText());
            assertEquals("b1", refused.path("ref").asText());
            assertNull(conversationOf(bobsFile), "his own file was not bound half-way");
            assertNull(conversationOf(annsFile));

            socket.send("{\"type\":\"send\",\"clientMsgId\":\"b2\",\"attachments\":" + Json.write(
                    java.util.Collections.nCopies(11, "x")) + "}");
            assertEquals("too_large", socket.next("error").path("code").asText());
            socket.send("{\"type\":\"send\",\"clientMsgId\":\"b3\",\"attachments\":\"" + bobsFile + "\"}");
            assertEquals("bad_frame", socket.next("error").path("code").asText());
            socket.send("{\"type\":\"send\",\"clientMsgId\":\"b4\",\"attachments\":[]}");
            assertEquals("bad_frame", socket.next("error").path("code").asText(), "no text and no attachment");

            socket.send("{\"type\":\"send\",\"clientMsgId\":\"b5\",\"text\":\"mine\",\"attachments\":[\"" + bobsFile
                    + "\"]}");
            String conversation = socket.next("ack").path("conversationId").asText();
            assertEquals(conversation, conversationOf(bobsFile));
            // Resent after a lost ack: the same message, the file still bound once.
            socket.send("{\"type\":\"send\",\"clientMsgId\":\"b5\",\"text\":\"mine\",\"attachments\":[\"" + bobsFile
                    + "\"]}");
            assertEquals(conversation, socket.next("ack").path("conversationId").asText());
        }
        download(ann[1], bobsFile).statusCode(404);
        download(bob[1], bobsFile).statusCode(200);
    }

    @Test
    void uploadsNoMessageCarriedAreDeletedAfterADay() throws Exception {
        String[] ann = visitor();
        String sent = upload(ann[1], "sent.png", UploadTest.PNG).statusCode(201).extract().path("id");
        String forgotten = upload(ann[1], "forgotten.png", UploadTest.PNG).statusCode(201).extract().path("id");
        String fresh = upload(ann[1], "fresh.png", UploadTest.PNG).statusCode(201).extract().path("id");
        try (TestSocket socket = TestSocket.connect(vertx, base.getPort(), "/ws/visitor", ann[1], ORIGIN)) {
            socket.next("welcome");
            socket.send("{\"type\":\"send\",\"clientMsgId\":\"s1\",\"attachments\":[\"" + sent + "\"]}");
            socket.next("ack");
        }
        pool.preparedQuery("UPDATE attachment SET created_at = now() - interval '2 days' WHERE id = ANY($1)")
                .executeAndAwait(Tuple.of((Object) new String[] { sent, forgotten }));
        unsent.sweep().await().indefinitely();
        assertEquals(2, stored(), "the sent one and the fresh one stay");
        download(ann[1], forgotten).statusCode(404);
        download(ann[1], sent).statusCode(200);
        download(ann[1], fresh).statusCode(200);
        assertEquals(0, pool.preparedQuery("SELECT count(*) FROM attachment_chunk WHERE attachment_id = $1")
                .executeAndAwait(Tuple.of(forgotten)).iterator().next().getLong(0), "its bytes went with it");
    }
}

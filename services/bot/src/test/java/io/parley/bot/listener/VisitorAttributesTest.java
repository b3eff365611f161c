package io.parley.bot.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.bot.repository.VisitorRepository;
import io.parley.bot.rest.BotTestResource;
import io.parley.bot.service.BotService;
import io.parley.common.event.SequencedMessage;
import io.parley.common.model.ConversationStatus;
import io.parley.common.model.Participant;
import io.parley.testkit.OidcTestKeys;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Visitor attributes the widget set (stored by the gateway in the {@code visitor} table, on the real PostgreSQL)
 * reach the bot's prompt as {@code {{visitor.<attribute>}}}: the test bot globex's English answer prompt names the
 * visitor and their plan, and the request the (fake, real-HTTP) model receives carries both.
 */
@QuarkusTest
@WithTestResource(value = BotTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = OidcTestKeys.class, scope = TestResourceScope.GLOBAL)
class VisitorAttributesTest {
    @Inject
    MessageListener listener;
    @Inject
    BotService bots;
    @Inject
    Pool pool;
    @ConfigProperty(name = "parley.bot.llm.base-url")
    String modelUrl;

    @Test
    void theWidgetsAttributesAreRenderedInThePrompt() throws Exception {
        String visitor = "v-" + UUID.randomUUID();
        pool.preparedQuery("INSERT INTO tenant (id, name) VALUES ('globex', 'Globex') ON CONFLICT (id) DO NOTHING")
                .executeAndAwait();
        pool.preparedQuery("""
                INSERT INTO visitor (tenant_id, id, verified, name, attributes)
                VALUES ('globex', $1, false, 'Ann', '{"plan":{"value":"enterprise","setAt":1764500000000},"seats":{"value":12,"setAt":1}}')""")
                .executeAndAwait(Tuple.of(visitor));
        long now = System.currentTimeMillis();
        var message = new SequencedMessage("globex", "c-" + UUID.randomUUID(), "m-1", 2, "x",
                Participant.visitor(visitor, null), "How long does a refund take?", now, now, ConversationStatus.BOT,
                null, java.util.List.of());
        listener.replies(bots.forTenant("globex"), message);

        JsonNode requests = new ObjectMapper().readTree(HttpClient.newHttpClient().send(HttpRequest
                .newBuilder(URI.create(modelUrl.replace("/v1", "/requests"))).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        String user = null;
        for (JsonNode request : requests) {
            for (JsonNode m : request.path("messages")) {
                if (m.path("content").asText().contains("Customer: ")) {
                    user = m.path("content").asText();
                }
            }
        }
        assertTrue(user != null, "no model request rendered the globex answer prompt: " + requests);
        assertTrue(user.contains("Customer: Ann, plan enterprise"), user);
        assertEquals(Map.of("name", "Ann", "plan", "enterprise", "seats", "12"),
                new VisitorRepository(pool).attributes("globex", visitor));
    }
}

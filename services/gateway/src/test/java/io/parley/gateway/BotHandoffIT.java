package io.parley.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.common.RedisKeys;
import io.parley.common.json.Json;
import io.parley.testkit.FakeOpenAiServer;
import io.parley.testkit.ServiceProcess;
import io.parley.testkit.TestTokens;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.ConsumerGroupState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bot in the real pipeline: routing, the bot service and a gateway as separate processes on the real
 * PostgreSQL, Redis and Kafka, with the example bot (bots/acme) and the fake OpenAI-compatible model (testkit).
 * A visitor's question is answered by the model from the knowledge base through the durable path; the model may
 * decide to hand over; "转人工" and three negative
 * messages hand the conversation to routing, which gives it to an agent with the skill of the topic, showing the
 * agent the bot's handoff; from then on the bot stays silent but for alerting the agent to a negative message. A
 * tenant without a bot goes straight to routing.
 */
class BotHandoffIT {
    static final String ORIGIN = "https://shop.example";
    static final String TENANT = "bot-" + UUID.randomUUID().toString().substring(0, 8);
    static final String BOT_GROUP = "parley-bot-it-" + UUID.randomUUID().toString().substring(0, 8);

    static Vertx vertx;
    static FakeOpenAiServer model;
    static Path bots;
    static ServiceProcess routing;
    static ServiceProcess bot;
    static ServiceProcess gateway;
    static Pool db;

    @BeforeAll
    static void startPlatform() throws Exception {
        vertx = Vertx.vertx();
        db = RoutingProcessResource.testDatabase(vertx);
        bots = Files.createTempDirectory("parley-it-bots");
        copyExampleBot(bots.resolve("acme-it"), TENANT);

        routing = ServiceProcess.startModule("bot-it-routing", "routing", 18681, RoutingProcessResource.TEST_DATABASE);
        await(db.preparedQuery("INSERT INTO tenant (id, name, allowed_origins) VALUES ($1, $1, $2)")
                .execute(Tuple.of(TENANT, (Object) new String[] { ORIGIN }))); // the schema is routing's: after its start
        model = new FakeOpenAiServer();
        Map<String, String> botEnv = new HashMap<>(RoutingProcessResource.TEST_DATABASE);
        botEnv.putAll(Map.of("PARLEY_BOT_DIR", bots.toString(), "PARLEY_BOT_GROUP", BOT_GROUP,
                "PARLEY_BOT_DUTY_INTERVAL", "1s", "PARLEY_BOT_LLM_BASE_URL", model.baseUrl()));
        bot = ServiceProcess.startModule("bot-it-bot", "bot", 18682, botEnv);
        gateway = ServiceProcess.startModule("bot-it-gateway", "gateway", 18691,
                RoutingProcessResource.staticKeyGatewayEnv());
        awaitBotListening();
        awaitBotOnDuty();
    }

    @AfterAll
    static void stopPlatform() throws Exception {
        try {
            if (gateway != null) {
                saveMetrics(Map.of("routing", 18681, "bot", 18682, "gateway", 18691));
            }
        } finally {
            for (ServiceProcess p : new ServiceProcess[] { gateway, bot, routing }) {
                if (p != null) {
                    p.close();
                }
            }
        }
        if (vertx != null) {
            vertx.close();
        }
        if (model != null) {
            model.close();
        }
        if (bots != null) {
            try (Stream<Path> files = Files.walk(bots)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * What each service exported after the whole journey (bot answers, handoffs, an agent's reply), as Prometheus
     * text in target/metrics/: the k8s module's ObservabilityMetricsIT checks every metric the alerts and
     * dashboards use against it.
     */
    static void saveMetrics(Map<String, Integer> ports) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "metrics"));
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        for (var service : ports.entrySet()) {
            var response = http.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + service.getValue() + "/q/metrics")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), service.getKey() + " /q/metrics");
            Files.writeString(dir.resolve(service.getKey() + ".prom"), response.body());
        }
    }

    /** bots/acme with its tenant replaced, so this test's tenant is the one the bot serves. */
    static void copyExampleBot(Path to, String tenant) throws Exception {
        Path from = Path.of("..", "..", "bots", "acme").toAbsolutePath().normalize();
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
        Path yaml = to.resolve("bot.yaml");
        Files.writeString(yaml, Files.readString(yaml).replace("tenant: acme", "tenant: " + tenant));
    }

    /** The bot reads from the end of the topic: wait until its consumer owns partitions. */
    static void awaitBotListening() throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092");
        try (Admin admin = Admin.create(props)) {
            long deadline = System.currentTimeMillis() + 60_000;
            while (System.currentTimeMillis() < deadline) {
                ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(BOT_GROUP)).all()
                        .get(10, TimeUnit.SECONDS).get(BOT_GROUP);
                if (group.state() == ConsumerGroupState.STABLE && group.members().stream()
                        .anyMatch(m -> !m.assignment().topicPartitions().isEmpty())) {
                    return;
                }
                Thread.sleep(250);
            }
        }
        throw new AssertionError("the bot's consumer group did not become stable within 60 s");
    }

    static void awaitBotOnDuty() throws Exception {
        Redis redis = Redis.createClient(vertx, "redis://127.0.0.1:6379");
        try {
            long deadline = System.currentTimeMillis() + 30_000;
            while (System.currentTimeMillis() < deadline) {
                Response value = await(redis.send(Request.cmd(io.vertx.redis.client.Command.GET)
                        .arg(RedisKeys.botOnDuty(TENANT))));
                if (value != null) {
                    assertEquals("acme-it", value.toString());
                    return;
                }
                Thread.sleep(200);
            }
            throw new AssertionError("the bot did not report for duty within 30 s");
        } finally {
            redis.close();
        }
    }

    static <T> T await(io.vertx.core.Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    /** Skips frames until one matches. */
    static JsonNode next(TestSocket socket, Predicate<JsonNode> wanted) throws InterruptedException {
        while (true) {
            JsonNode frame = socket.next();
            if (wanted.test(frame)) {
                return frame;
            }
        }
    }

    static Predicate<JsonNode> fromBot() {
        return f -> f.path("type").asText().equals("message") && f.path("sender").path("kind").asText().equals("bot");
    }

    static Predicate<JsonNode> conversation(String status) {
        return f -> f.path("type").asText().equals("conversation") && f.path("status").asText().equals(status);
    }

    TestSocket visitor(String tenant) throws Exception {
        TestSocket socket = TestSocket.connect(vertx, gateway.port, "/ws/visitor",
                ChatClients.visitorToken(gateway.port, tenant, ORIGIN), ORIGIN);
        assertEquals("welcome", socket.next().path("type").asText());
        return socket;
    }

    TestSocket agent(String tenant, String id, String... skills) throws Exception {
        await(db.preparedQuery("INSERT INTO agent_profile (tenant_id, agent_id, capacity, skills) VALUES ($1, $2, 3, $3)")
                .execute(Tuple.of(tenant, id, (Object) skills)));
        TestSocket socket = TestSocket.connect(vertx, gateway.port, "/ws/agent", TestTokens.token(tenant, id, "agent"),
                ORIGIN);
        assertEquals("welcome", socket.next().path("type").asText());
        return socket;
    }

    Row conversationRow(String id) throws Exception {
        return await(db.preparedQuery("SELECT status, assignee_id, bot_id, handoff::text AS handoff FROM conversation WHERE id = $1")
                .execute(Tuple.of(id))).iterator().next();
    }

    @Test
    void answersFromTheKnowledgeBaseThenHandsOverOnRequestAndFallsSilent() throws Exception {
        try (TestSocket logistics = agent(TENANT, "lena", "logistics");
                TestSocket billing = agent(TENANT, "bill", "billing");
                TestSocket visitor = visitor(TENANT)) {
            visitor.send(ChatClients.send("q1", null, "我想申请退款，钱什么时候到账？"));
            String conv = next(visitor, f -> f.path("type").asText().equals("ack")).path("conversationId").asText();
            assertEquals("bot", conversationRow(conv).getString("status"));
            assertEquals("acme-it", conversationRow(conv).getString("bot_id"), "the bot it started with");

            JsonNode greeting = next(visitor, fromBot());
            assertEquals("您好，我是 Acme 智能客服小艾，请问有什么可以帮您？", greeting.path("text").asText());
            assertEquals("小艾", greeting.path("sender").path("name").asText());
            JsonNode answer = next(visitor, fromBot());
            // The model wrote it from the refund article (the fake model names the passage it was given).
            assertTrue(answer.path("text").asText().startsWith("要点\n- 依据 zh-refund"), answer.toString());
            assertTrue(answer.path("text").asText().contains("7天无理由退货政策"), "follow-ups: " + answer);
            assertTrue(model.requests().stream().anyMatch(r -> r.contains("我想申请退款，钱什么时候到账？")),
                    "the model was asked with the visitor's question");
            assertEquals(3, answer.path("seq").asLong());

            visitor.send(ChatClients.send("q2", conv, "转人工"));
            JsonNode notice = next(visitor, fromBot());
            assertEquals("正在为您转接人工客服，请稍候，客服会看到您之前的对话。", notice.path("text").asText());
            JsonNode assigned = next(visitor, conversation("assigned"));
            assertEquals("bill", assigned.path("assignee").path("id").asText(), "the agent with the topic's skill");
            assertTrue(assigned.path("handoff").isMissingNode(), "visitors never see the handoff: " + assigned);

            JsonNode forAgent = next(billing, conversation("assigned"));
            JsonNode handoff = forAgent.path("handoff");
            assertEquals("requested", handoff.path("reason").asText(), forAgent.toString());
            assertEquals("billing", handoff.path("skills").path(0).asText(), forAgent.toString());
            assertTrue(handoff.path("summary").asText().contains("转人工"), forAgent.toString());
            // The agent gets the whole thread, bot turns included.
            JsonNode first = next(billing, f -> f.path("type").asText().equals("message"));
            assertEquals(1, first.path("seq").asLong());

            Row row = conversationRow(conv);
            assertEquals("assigned", row.getString("status"));
            assertEquals("requested", Json.read(row.getString("handoff"), JsonNode.class).path("reason").asText());
            Row audit = await(db.preparedQuery("""
                    SELECT actor_kind, actor_id, before->>'status' AS before, after->>'status' AS after
                    FROM audit_log WHERE conversation_id = $1 AND action = 'handoff'""").execute(Tuple.of(conv)))
                    .iterator().next();
            assertEquals(List.of("bot", "acme-it", "bot", "queued"), List.of(audit.getString("actor_kind"),
                    audit.getString("actor_id"), audit.getString("before"), audit.getString("after")));

            // A human owns it now: the bot does not answer any more.
            visitor.send(ChatClients.send("q3", conv, "怎么申请退款？"));
            JsonNode atAgent = next(billing, f -> f.path("type").asText().equals("message")
                    && "q3".equals(f.path("clientMsgId").asText()));
            long visitorSeq = atAgent.path("seq").asLong();
            billing.send(ChatClients.send("r1", conv, "您好，我来帮您处理退款。"));
            next(visitor, f -> f.path("type").asText().equals("message")
                    && f.path("sender").path("kind").asText().equals("agent"));
            Thread.sleep(2_000); // the bot answers within a few hundred ms when it answers at all
            long botAfter = await(db.preparedQuery(
                    "SELECT count(*) FROM message WHERE conversation_id = $1 AND sender_kind = 'bot' AND seq > $2")
                    .execute(Tuple.of(conv, visitorSeq))).iterator().next().getLong(0);
            assertEquals(0, botAfter, "the bot answered in a conversation an agent owns");

            // A negative message to the agent: the agent (only) is alerted, with a calming reply to use.
            visitor.send(ChatClients.send("q4", conv, "你们的服务太差了，我非常生气"));
            JsonNode alert = next(billing, f -> f.path("type").asText().equals("alert"));
            assertEquals(conv, alert.path("conversationId").asText());
            assertEquals("negative_sentiment", alert.path("kind").asText());
            assertEquals(-0.9, alert.path("score").asDouble(), 1e-9, "the model's reading: " + alert);
            assertEquals("非常抱歉给您带来不好的体验，我马上为您处理。", alert.path("suggestion").asText());
            long negativeSeq = alert.path("seq").asLong();
            JsonNode negative = next(visitor, f -> f.path("type").asText().equals("ack"));
            assertEquals(negativeSeq, negative.path("seq").asLong());
        }
    }

    @Test
    void threeNegativeMessagesHandOver() throws Exception {
        try (TestSocket logistics = agent(TENANT, "lars", "logistics"); TestSocket visitor = visitor(TENANT)) {
            visitor.send(ChatClients.send("n1", null, "退款怎么这么慢，太让人失望了"));
            String conv = next(visitor, f -> f.path("type").asText().equals("ack")).path("conversationId").asText();
            next(visitor, fromBot()); // greeting
            assertTrue(next(visitor, fromBot()).path("text").asText().contains("依据 zh-refund"));
            visitor.send(ChatClients.send("n2", conv, "物流太慢了，等了一周还没到，很生气"));
            assertTrue(next(visitor, fromBot()).path("text").asText().contains("依据 zh-"));
            visitor.send(ChatClients.send("n3", conv, "发票到现在都没开，你们服务太差了"));
            assertEquals("正在为您转接人工客服，请稍候，客服会看到您之前的对话。", next(visitor, fromBot()).path("text").asText());
            JsonNode handedOver = next(visitor, f -> f.path("type").asText().equals("conversation")
                    && !f.path("status").asText().equals("bot"));
            assertTrue(List.of("queued", "assigned").contains(handedOver.path("status").asText()),
                    "handed to the team: " + handedOver);
            JsonNode handoff = Json.read(conversationRow(conv).getString("handoff"), JsonNode.class);
            assertEquals("negative_sentiment", handoff.path("reason").asText(), handoff.toString());
            assertTrue(handoff.path("summary").asText().contains("sentiment: negative"), handoff.toString());
        }
    }

    @Test
    void theModelMayDecideToHandOverWithTheTopicsSkill() throws Exception {
        try (TestSocket ivy = agent(TENANT, "ivy", "billing"); TestSocket visitor = visitor(TENANT)) {
            visitor.send(ChatClients.send("i1", null, "发票怎么开？"));
            String conv = next(visitor, f -> f.path("type").asText().equals("ack")).path("conversationId").asText();
            next(visitor, fromBot()); // greeting
            assertEquals("正在为您转接人工客服，请稍候，客服会看到您之前的对话。", next(visitor, fromBot()).path("text").asText());
            JsonNode forAgent = next(ivy, f -> f.path("type").asText().equals("conversation")
                    && conv.equals(f.path("conversationId").asText()));
            JsonNode handoff = forAgent.path("handoff");
            assertEquals("model_decision", handoff.path("reason").asText(), forAgent.toString());
            assertEquals("billing", handoff.path("skills").path(0).asText(), forAgent.toString());
            assertTrue(handoff.path("summary").asText().contains("model: Visitor asks about an invoice"),
                    forAgent.toString());
        }
    }

    @Test
    void aTenantWithoutABotGoesStraightToTheTeam() throws Exception {
        String tenant = "nobot-" + UUID.randomUUID().toString().substring(0, 8);
        await(db.preparedQuery("INSERT INTO tenant (id, name, allowed_origins) VALUES ($1, $1, $2)")
                .execute(Tuple.of(tenant, (Object) new String[] { ORIGIN })));
        try (TestSocket agent = agent(tenant, "amy"); TestSocket visitor = visitor(tenant)) {
            visitor.send(ChatClients.send("x1", null, "怎么申请退款？"));
            JsonNode opened = next(visitor, f -> f.path("type").asText().equals("conversation"));
            assertEquals("assigned", opened.path("status").asText(), opened.toString());
            String conv = opened.path("conversationId").asText();
            next(agent, conversation("assigned"));
            Thread.sleep(1_000);
            Map<String, Long> bySender = new HashMap<>();
            for (Row row : await(db.preparedQuery(
                    "SELECT sender_kind, count(*) AS n FROM message WHERE conversation_id = $1 GROUP BY sender_kind")
                    .execute(Tuple.of(conv)))) {
                bySender.put(row.getString("sender_kind"), row.getLong("n"));
            }
            assertEquals(Map.of("visitor", 1L), bySender);
        }
    }
}

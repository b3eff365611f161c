package io.parley.routing;

import io.parley.common.Topics;
import io.parley.testkit.KafkaBacklog;
import io.parley.testkit.TestDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.List;
import java.util.Map;

/**
 * Where routing's tests keep their state, owned by the tests: the database {@code parley_test}, emptied once per
 * test run before the first start (Flyway then migrates it from scratch), and the consumer group
 * {@code parley-routing-test}, moved past records that other runs and modules left on the topics. Every routing
 * {@code @QuarkusTest} names this resource (global scope: one set-up for the module).
 */
public class TestStores implements QuarkusTestResourceLifecycleManager {
    public static final String JDBC_URL = "jdbc:postgresql://127.0.0.1:5432/parley_test";
    public static final String GROUP = "parley-routing-test";
    private static boolean prepared;

    @Override
    public Map<String, String> start() {
        prepare();
        return Map.of("quarkus.datasource.jdbc.url", JDBC_URL,
                "quarkus.datasource.reactive.url", JDBC_URL.substring("jdbc:".length()),
                "mp.messaging.incoming.inbound.group.id", GROUP,
                "mp.messaging.incoming.commands.group.id", GROUP);
    }

    private static synchronized void prepare() {
        if (!prepared) {
            TestDatabase.empty(JDBC_URL, "parley", "parley");
            String bootstrap = System.getenv().getOrDefault("PARLEY_KAFKA_BOOTSTRAP", "127.0.0.1:9092");
            KafkaBacklog.skip(bootstrap, GROUP, List.of(Topics.INBOUND, Topics.COMMANDS));
            prepared = true;
        }
    }

    @Override
    public void stop() {
    }
}

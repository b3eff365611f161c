package io.parley.common;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Adds {@link Topics#FILE} to every service's configuration (registered in
 * {@code META-INF/services/org.eclipse.microprofile.config.spi.ConfigSource}), below application.properties, so a
 * service binds its Kafka channels to {@code ${parley.kafka.topics.<topic>.name}} and can still override a name.
 */
public final class TopicsConfigSource implements ConfigSource {
    private final Map<String, String> properties = new HashMap<>();

    public TopicsConfigSource() {
        Topics.load().forEach((key, value) -> properties.put(key.toString(), value.toString()));
    }

    @Override
    public Set<String> getPropertyNames() {
        return properties.keySet();
    }

    @Override
    public String getValue(String name) {
        return properties.get(name);
    }

    @Override
    public String getName() {
        return "parley-topics[" + Topics.FILE + "]";
    }

    @Override
    public int getOrdinal() {
        return 150; // above microprofile-config.properties (100), below application.properties (250)
    }
}

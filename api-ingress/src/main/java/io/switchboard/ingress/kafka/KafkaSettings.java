package io.switchboard.ingress.kafka;

import io.micronaut.configuration.kafka.config.KafkaDefaultConfiguration;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;

/**
 * Where Kafka and the schema registry are: {@code kafka.*} (Micronaut Kafka's shared client settings, including
 * {@code kafka.bootstrap.servers} and any security settings) and {@code switchboard.schema-registry.url}. Every client
 * this service builds by hand starts from these.
 */
@Singleton
public class KafkaSettings {

    private final Map<String, Object> clientConfig;
    private final String registryUrl;
    private final short replicationFactor;

    public KafkaSettings(KafkaDefaultConfiguration kafka,
                         @Value("${switchboard.schema-registry.url}") String registryUrl,
                         @Value("${switchboard.kafka.replication-factor:1}") short replicationFactor) {
        Map<String, Object> config = new HashMap<>();
        kafka.getConfig().forEach((key, value) -> config.put(String.valueOf(key), value));
        // Micronaut-only settings under kafka.* are not Kafka client configs.
        config.keySet().removeIf(key -> key.startsWith("health") || key.startsWith("embedded")
                || key.startsWith("consumers") || key.startsWith("producers") || key.startsWith("streams"));
        this.clientConfig = Map.copyOf(config);
        this.registryUrl = registryUrl;
        this.replicationFactor = replicationFactor;
    }

    /** Base client config (bootstrap servers, security); callers add their own serializer-independent settings. */
    public Map<String, Object> clientConfig() {
        return clientConfig;
    }

    public String registryUrl() {
        return registryUrl;
    }

    /** {@code switchboard.kafka.replication-factor}: replicas of topics this service creates (default 1). */
    public short replicationFactor() {
        return replicationFactor;
    }
}

package io.switchboard.dispatcher;

import io.micronaut.context.annotation.Property;
import io.micronaut.core.convert.format.MapFormat;
import io.micronaut.core.naming.conventions.StringConvention;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Kafka client settings shared by the dispatcher's own consumer, producers and admin client: everything under
 * {@code kafka.*} (bootstrap servers, security, timeouts), minus the keys micronaut-kafka uses for itself
 * ({@code health}, {@code consumers}, {@code producers}, {@code streams}). The schema registry URL and the replication
 * factor of topics it creates come from {@code switchboard.schema-registry.url} and
 * {@code switchboard.kafka.replication-factor}.
 */
@Singleton
public class KafkaClientSettings {

    private static final List<String> MICRONAUT_ONLY = List.of("health", "consumers", "producers", "streams",
            "embedded", "enabled");

    private final Map<String, Object> common = new HashMap<>();
    private final String registryUrl;
    private final short replicationFactor;

    public KafkaClientSettings(
            @Property(name = "kafka") @MapFormat(transformation = MapFormat.MapTransformation.FLAT,
                    keyFormat = StringConvention.RAW) Map<String, Object> kafka,
            @Property(name = "switchboard.schema-registry.url") String registryUrl,
            @Property(name = "switchboard.kafka.replication-factor", defaultValue = "1") short replicationFactor) {
        kafka.forEach((key, value) -> {
            boolean micronautOnly = MICRONAUT_ONLY.stream().anyMatch(p -> key.equals(p) || key.startsWith(p + "."));
            if (!micronautOnly && value != null) {
                common.put(key, value instanceof List<?> list ? String.join(",", list.stream().map(String::valueOf)
                        .toList()) : value.toString());
            }
        });
        if (!common.containsKey("bootstrap.servers")) {
            throw new IllegalStateException("kafka.bootstrap.servers is not set");
        }
        this.registryUrl = registryUrl;
        this.replicationFactor = replicationFactor;
    }

    /** A fresh copy, safe for the caller to add client-specific settings to. */
    public Map<String, Object> clientConfig() {
        return new HashMap<>(common);
    }

    public String registryUrl() {
        return registryUrl;
    }

    public short replicationFactor() {
        return replicationFactor;
    }
}

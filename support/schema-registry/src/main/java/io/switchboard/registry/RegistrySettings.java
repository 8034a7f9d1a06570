package io.switchboard.registry;

import io.switchboard.infrastructure.http.HttpLimits;
import java.time.Duration;
import java.util.Objects;

/**
 * How an {@link EmbeddedSchemaRegistry} runs. Defaults: bound to 127.0.0.1 on a random free port, schemas in the
 * {@code _schemas} topic, 4 HTTP threads, 10 s to reach the store before answering 500 (error code 50002), and the
 * services' HTTP limits (a head within 10 s, a body within 30 s, idle connections closed after 60 s).
 *
 * @param bootstrapServers Kafka brokers holding the schemas topic
 * @param host             address the HTTP server binds ({@code 0.0.0.0} for every interface)
 * @param port             HTTP port, 0 for a free one
 * @param topic            the compacted, single-partition topic the schemas live in
 * @param httpThreads      size of the HTTP thread pool
 * @param storeTimeout     how long a request may wait for the topic (produce, catch up) before failing
 * @param httpLimits       deadlines and size limits of HTTP requests (strict framing, slow clients)
 */
public record RegistrySettings(String bootstrapServers, String host, int port, String topic, int httpThreads,
                               Duration storeTimeout, HttpLimits httpLimits) {

    public static final String DEFAULT_TOPIC = "_schemas";

    public RegistrySettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(storeTimeout, "storeTimeout");
        Objects.requireNonNull(httpLimits, "httpLimits");
        if (bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrapServers is empty");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (httpThreads < 1) {
            throw new IllegalArgumentException("httpThreads must be at least 1");
        }
    }

    /** The defaults, for these brokers. */
    public static RegistrySettings of(String bootstrapServers) {
        return new RegistrySettings(bootstrapServers, "127.0.0.1", 0, DEFAULT_TOPIC, 4, Duration.ofSeconds(10),
                HttpLimits.defaults());
    }

    public RegistrySettings withHost(String newHost) {
        return new RegistrySettings(bootstrapServers, newHost, port, topic, httpThreads, storeTimeout, httpLimits);
    }

    public RegistrySettings withPort(int newPort) {
        return new RegistrySettings(bootstrapServers, host, newPort, topic, httpThreads, storeTimeout, httpLimits);
    }

    public RegistrySettings withTopic(String newTopic) {
        return new RegistrySettings(bootstrapServers, host, port, newTopic, httpThreads, storeTimeout, httpLimits);
    }

    public RegistrySettings withStoreTimeout(Duration newTimeout) {
        return new RegistrySettings(bootstrapServers, host, port, topic, httpThreads, newTimeout, httpLimits);
    }

    public RegistrySettings withHttpLimits(HttpLimits newLimits) {
        return new RegistrySettings(bootstrapServers, host, port, topic, httpThreads, storeTimeout, newLimits);
    }

    /**
     * The producer's transactional id. Every instance on one topic shares it on purpose: Kafka fences all but the
     * newest writer, which serializes registrations across instances (see {@link SchemaLog}).
     */
    String transactionalId() {
        return "schema-registry-writer-" + topic;
    }
}

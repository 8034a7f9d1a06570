package io.switchboard.webhook;

import io.micronaut.configuration.kafka.config.KafkaDefaultConfiguration;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The settings of this service's Kafka producer and admin client, built on every {@code kafka.*} key of the
 * configuration (bootstrap servers, security, ...), so they reach the brokers exactly as micronaut-kafka's health
 * check does.
 *
 * <p>Rules for the producer: {@code acks=all} and idempotence are enforced, since a webhook is answered 200 only once
 * its records are durable; {@code max.block.ms} is the publish timeout, so a send never waits on metadata or buffer
 * space longer than the request it serves. Defaults that {@code kafka.*} may override: a small linger (requests are
 * latency-bound), lz4 compression and a 5 MB request size, because Meta's bodies reach 3 MB and each is archived whole.
 */
@Singleton
final class KafkaClientConfigs {

    static final int MAX_REQUEST_BYTES = 5 * 1024 * 1024;

    private final Properties kafka;

    KafkaClientConfigs(KafkaDefaultConfiguration kafka) {
        this.kafka = kafka.getConfig();
    }

    /** Settings for the admin client that creates topics at start. */
    Map<String, Object> admin() {
        return known(AdminClientConfig.configNames());
    }

    /** Settings for the producer of webhook records. */
    Map<String, Object> producer(Duration publishTimeout) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_REQUEST_BYTES);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "webhook-ingest");
        config.putAll(known(ProducerConfig.configNames()));
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, publishTimeout.toMillis());
        return config;
    }

    /** The {@code kafka.*} entries a client of this kind understands (micronaut-kafka adds a few of its own). */
    private Map<String, Object> known(Set<String> names) {
        Map<String, Object> config = new HashMap<>();
        kafka.forEach((key, value) -> {
            if (names.contains(String.valueOf(key))) {
                config.put(String.valueOf(key), value);
            }
        });
        return config;
    }
}

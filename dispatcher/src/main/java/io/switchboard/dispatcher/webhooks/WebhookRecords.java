package io.switchboard.dispatcher.webhooks;

import io.switchboard.schemas.Topic;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.WebhookAttempt;
import io.switchboard.schemas.avro.WebhookDelivery;
import io.switchboard.schemas.avro.WebhookEndpointHealth;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The one producer of the customer-webhook topics ({@code webhook-deliveries}, {@code webhook-retries},
 * {@code webhook-attempts}, {@code webhook-endpoint-health}): acks=all and idempotent, so records of one key and
 * partition land in the order they were sent, which keeps a parked event ahead of the later events of its message.
 * Every send completes a future on the broker's acknowledgement.
 */
final class WebhookRecords implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final Serializer<WebhookDelivery> deliveries;
    private final Serializer<WebhookAttempt> attempts;
    private final Serializer<WebhookEndpointHealth> health;

    WebhookRecords(Map<String, Object> kafka, String registryUrl) {
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "dispatcher-webhooks");
        // Sends happen under the delivery lock: never wait a minute for metadata of an unreachable broker.
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        this.deliveries = Topics.WEBHOOK_DELIVERIES.valueSerde(registryUrl).serializer();
        this.attempts = Topics.WEBHOOK_ATTEMPTS.valueSerde(registryUrl).serializer();
        this.health = Topics.WEBHOOK_ENDPOINT_HEALTH.valueSerde(registryUrl).serializer();
    }

    /** A fresh event or a replay, partitioned by its order key. */
    CompletableFuture<RecordMetadata> delivery(WebhookDelivery value) {
        return send(Topics.WEBHOOK_DELIVERIES, null, value.getOrderKey(), deliveries, value);
    }

    /** A parked event, on the same partition number as the webhook-deliveries record it came from. */
    CompletableFuture<RecordMetadata> retry(int partition, WebhookDelivery value) {
        return send(Topics.WEBHOOK_RETRIES, partition, value.getOrderKey(), deliveries, value);
    }

    CompletableFuture<RecordMetadata> attempt(WebhookAttempt value) {
        return send(Topics.WEBHOOK_ATTEMPTS, null, value.getWebhookId(), attempts, value);
    }

    CompletableFuture<RecordMetadata> health(WebhookEndpointHealth value) {
        return send(Topics.WEBHOOK_ENDPOINT_HEALTH, null, value.getEndpointId(), health, value);
    }

    void flush() {
        producer.flush();
    }

    private <V extends SpecificRecord> CompletableFuture<RecordMetadata> send(Topic<V> topic, Integer partition,
            String key, Serializer<V> serializer, V value) {
        CompletableFuture<RecordMetadata> acked = new CompletableFuture<>();
        try {
            byte[] bytes = serializer.serialize(topic.name(), value);
            producer.send(new ProducerRecord<>(topic.name(), partition, key, bytes), (metadata, failure) -> {
                if (failure != null) {
                    acked.completeExceptionally(failure);
                } else {
                    acked.complete(metadata);
                }
            });
        } catch (RuntimeException e) {
            acked.completeExceptionally(e);
        }
        return acked;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}

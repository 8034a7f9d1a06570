package io.switchboard.ingress.admin;

import io.micronaut.core.annotation.Nullable;
import io.switchboard.ingress.IngressConfiguration;
import io.switchboard.ingress.kafka.KafkaSettings;
import io.switchboard.schemas.Topic;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.Account;
import io.switchboard.schemas.avro.ApiKey;
import io.switchboard.schemas.avro.PhoneNumber;
import io.switchboard.schemas.avro.WebhookEndpoint;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes admin changes to the compacted {@code api-keys}, {@code accounts}, {@code phone-numbers} and
 * {@code webhook-endpoints} topics (a null value is a tombstone) and completes once the broker acknowledged them (acks=all, idempotent), or fails after {@code kafka-ack-timeout}.
 * The producer is created, and values are serialized (which may call the schema registry), on one dedicated thread,
 * never on an event loop; one thread also keeps an administrator's successive changes in order.
 */
@Singleton
public class ConfigRecordPublisher implements AutoCloseable {

    private final Map<String, Object> producerConfig;
    private final Duration ackTimeout;
    private final Serializer<ApiKey> keys;
    private final Serializer<Account> accounts;
    private final Serializer<WebhookEndpoint> webhookEndpoints;
    private final Serializer<PhoneNumber> phoneNumbers;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "admin-config-producer");
        thread.setDaemon(true);
        return thread;
    });
    private KafkaProducer<String, byte[]> producer;

    public ConfigRecordPublisher(KafkaSettings kafka, IngressConfiguration config) {
        this.ackTimeout = config.getKafkaAckTimeout();
        long timeout = Math.max(10, ackTimeout.toMillis());
        Map<String, Object> props = new HashMap<>(kafka.clientConfig());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "api-ingress-admin");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(timeout));
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(Math.max(1, timeout / 2)));
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(timeout));
        this.producerConfig = Map.copyOf(props);
        this.keys = Topics.API_KEYS.valueSerde(kafka.registryUrl()).serializer();
        this.accounts = Topics.ACCOUNTS.valueSerde(kafka.registryUrl()).serializer();
        this.webhookEndpoints = Topics.WEBHOOK_ENDPOINTS.valueSerde(kafka.registryUrl()).serializer();
        this.phoneNumbers = Topics.PHONE_NUMBERS.valueSerde(kafka.registryUrl()).serializer();
    }

    /** Writes an API key record, or its tombstone when {@code value} is null. */
    public CompletableFuture<RecordMetadata> apiKey(String keyId, @Nullable ApiKey value) {
        return publish(Topics.API_KEYS, keys, keyId, value);
    }

    public CompletableFuture<RecordMetadata> account(String accountId, Account value) {
        return publish(Topics.ACCOUNTS, accounts, accountId, value);
    }

    /** Writes who owns a business number, or the tombstone that releases it when {@code value} is null. */
    public CompletableFuture<RecordMetadata> phoneNumber(String phoneNumberId, @Nullable PhoneNumber value) {
        return publish(Topics.PHONE_NUMBERS, phoneNumbers, phoneNumberId, value);
    }

    /** Writes a customer webhook endpoint, or its tombstone when {@code value} is null. */
    public CompletableFuture<RecordMetadata> webhookEndpoint(String endpointId, @Nullable WebhookEndpoint value) {
        return publish(Topics.WEBHOOK_ENDPOINTS, webhookEndpoints, endpointId, value);
    }

    private <V extends SpecificRecord> CompletableFuture<RecordMetadata> publish(Topic<V> topic,
                                                                                 Serializer<V> serializer,
                                                                                 String key, @Nullable V value) {
        CompletableFuture<RecordMetadata> acked = new CompletableFuture<>();
        try {
            sender.execute(() -> {
                if (acked.isDone()) {
                    return;
                }
                try {
                    byte[] bytes = value == null ? null : serializer.serialize(topic.name(), value);
                    producer().send(new ProducerRecord<>(topic.name(), key, bytes), (metadata, failure) -> {
                        if (failure != null) {
                            acked.completeExceptionally(failure);
                        } else {
                            acked.complete(metadata);
                        }
                    });
                } catch (RuntimeException e) {
                    acked.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            acked.completeExceptionally(e);
        }
        return acked.orTimeout(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Only ever called on the sender thread. */
    private KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    @PreDestroy
    @Override
    public void close() {
        try {
            sender.execute(() -> {
                if (producer != null) {
                    producer.close(Duration.ofSeconds(5));
                }
            });
        } catch (RejectedExecutionException alreadyClosed) {
            return;
        }
        sender.shutdown();
        try {
            sender.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package io.switchboard.webhook;

import io.micronaut.context.annotation.Context;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.InboundMessage;
import io.switchboard.schemas.avro.StatusUpdate;
import io.switchboard.schemas.avro.WebhookPayload;
import io.switchboard.webhook.WebhookMetrics.PublishOutcome;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes what one webhook POST carries: its archived body on webhook-payloads (key request id), each status on
 * status-updates (key wamid) and each inbound message on inbound-messages (key {@code phoneNumberId:+sender}).
 *
 * <p>Rules: the returned future completes only when Kafka has acknowledged every record ({@code acks=all},
 * idempotent producer); it fails as soon as one record fails, or after the publish timeout. Sends run on the
 * {@code webhook-publish} executor, never on the HTTP event loop, because {@code send()} may block for metadata or
 * buffer space. A batch whose request already timed out is not sent at all. There is no transaction: when a POST
 * fails half-way, Meta's redelivery may write some records again ({@link WebhookDeduplicator} filters redeliveries
 * before this class, but not those), so consumers must still tolerate duplicates.
 */
@Context
public final class WebhookPublisher {

    private final Producer<String, SpecificRecord> producer;
    private final ExecutorService executor;
    private final WebhookMetrics metrics;
    private final Duration timeout;

    WebhookPublisher(TopicSetup topics, KafkaClientConfigs clients, WebhookConfig config, WebhookMetrics metrics,
            @Named("webhook-publish") ExecutorService executor) {
        this.timeout = config.publishTimeout();
        this.executor = executor;
        this.metrics = metrics;
        // Every topic's key is a string; values get the serde the catalogue pairs with each topic.
        this.producer = new KafkaProducer<>(clients.producer(timeout), Topics.WEBHOOK_PAYLOADS.keySerde().serializer(),
                new CatalogueSerializer(TopicSetup.WRITTEN_TOPICS, topics.registryUrl()));
        // Fetch partition metadata now, so the first webhook does not wait for it.
        TopicSetup.WRITTEN_TOPICS.forEach(topic -> producer.partitionsFor(topic.name()));
    }

    /** Completes when every record of this POST is acknowledged; fails on the first error or after the timeout. */
    public CompletableFuture<Void> publish(WebhookPayload payload, ParsedWebhook parsed) {
        List<ProducerRecord<String, SpecificRecord>> records = recordsOf(payload, parsed);
        CompletableFuture<Void> done = new CompletableFuture<>();
        done.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        long started = System.nanoTime();
        try {
            executor.execute(() -> sendAll(records, done));
        } catch (RejectedExecutionException e) {
            done.completeExceptionally(e);
        }
        return done.whenComplete((ok, error) -> {
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            if (error == null) {
                metrics.published(parsed.statuses().size(), parsed.messages().size());
                metrics.publishLatency(PublishOutcome.ACKED, elapsed);
            } else {
                metrics.publishLatency(unwrap(error) instanceof TimeoutException
                        ? PublishOutcome.TIMEOUT : PublishOutcome.FAILED, elapsed);
            }
        });
    }

    private void sendAll(List<ProducerRecord<String, SpecificRecord>> records, CompletableFuture<Void> done) {
        if (done.isDone()) {
            return; // already answered 503: Meta redelivers, so sending now would only add duplicates
        }
        CompletableFuture<?>[] acks = new CompletableFuture<?>[records.size()];
        for (int i = 0; i < records.size(); i++) {
            CompletableFuture<Void> ack = send(records.get(i));
            ack.whenComplete((ok, error) -> {
                if (error != null) {
                    done.completeExceptionally(error);
                }
            });
            acks[i] = ack;
        }
        CompletableFuture.allOf(acks).thenRun(() -> done.complete(null));
    }

    private CompletableFuture<Void> send(ProducerRecord<String, SpecificRecord> record) {
        CompletableFuture<Void> ack = new CompletableFuture<>();
        try {
            producer.send(record, (metadata, error) -> {
                if (error == null) {
                    ack.complete(null);
                } else {
                    ack.completeExceptionally(error);
                }
            });
        } catch (RuntimeException e) {
            ack.completeExceptionally(e); // serialization or max.block.ms timeouts surface here
        }
        return ack;
    }

    private static List<ProducerRecord<String, SpecificRecord>> recordsOf(WebhookPayload payload,
            ParsedWebhook parsed) {
        List<ProducerRecord<String, SpecificRecord>> records =
                new ArrayList<>(1 + parsed.statuses().size() + parsed.messages().size());
        records.add(new ProducerRecord<>(Topics.WEBHOOK_PAYLOADS.name(), payload.getRequestId(), payload));
        for (StatusUpdate status : parsed.statuses()) {
            records.add(new ProducerRecord<>(Topics.STATUS_UPDATES.name(), status.getWamid(), status));
        }
        for (InboundMessage message : parsed.messages()) {
            String key = Topics.inboundKey(message.getPhoneNumberId(), message.getFrom());
            records.add(new ProducerRecord<>(Topics.INBOUND_MESSAGES.name(), key, message));
        }
        return records;
    }

    static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    /**
     * Waits at most the publish timeout for records in flight: any request older than that has already been
     * answered 503, so waiting longer would only delay shutdown.
     */
    @PreDestroy
    void close() {
        producer.close(timeout);
    }
}

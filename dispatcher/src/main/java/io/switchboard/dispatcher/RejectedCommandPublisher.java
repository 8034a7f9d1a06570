package io.switchboard.dispatcher;

import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.RejectedCommand;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes rejected send-commands records to {@code rejected-commands}, under the original key, with an idempotent
 * {@code acks=all} producer. Like {@link MessageEventPublisher}, the returned future completes only once Kafka has
 * the record, and a failed write is retried (capped backoff) while the publisher is open: the rejected record's
 * offset is committed only after its rejection is stored, so no rejection is lost.
 */
final class RejectedCommandPublisher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RejectedCommandPublisher.class);

    private final Producer<String, RejectedCommand> producer;
    private final ScheduledExecutorService scheduler;
    private volatile boolean closed;

    RejectedCommandPublisher(Map<String, Object> producerConfig, String registryUrl,
            ScheduledExecutorService scheduler) {
        Map<String, Object> config = new HashMap<>(producerConfig);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "dispatcher-rejected");
        this.producer = new KafkaProducer<>(config, Topics.REJECTED_COMMANDS.keySerde().serializer(),
                Topics.REJECTED_COMMANDS.valueSerde(registryUrl).serializer());
        this.scheduler = scheduler;
    }

    /** Fetches the topic's metadata now, so the first rejection does not wait for it. */
    void warmUp() {
        producer.partitionsFor(Topics.REJECTED_COMMANDS.name());
    }

    CompletableFuture<Void> publish(String key, RejectedCommand rejected) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        attempt(new ProducerRecord<>(Topics.REJECTED_COMMANDS.name(), key, rejected), written, 0);
        return written;
    }

    private void attempt(ProducerRecord<String, RejectedCommand> record, CompletableFuture<Void> written,
            int failures) {
        if (closed) {
            written.completeExceptionally(new IllegalStateException("rejected-commands publisher closed"));
            return;
        }
        try {
            producer.send(record, (metadata, failure) -> {
                if (failure == null) {
                    written.complete(null);
                } else {
                    retry(record, written, failures + 1, failure);
                }
            });
        } catch (RuntimeException e) {
            retry(record, written, failures + 1, e);
        }
    }

    private void retry(ProducerRecord<String, RejectedCommand> record, CompletableFuture<Void> written, int failures,
            Throwable failure) {
        long delay = Math.min(10_000, 100L << Math.min(failures, 20));
        LOG.warn("Writing to {} failed ({} time(s)), retrying in {} ms: {}", record.topic(), failures, delay,
                failure.toString());
        try {
            scheduler.schedule(() -> attempt(record, written, failures), delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            written.completeExceptionally(failure);
        }
    }

    @Override
    public void close() {
        closed = true;
        producer.close(Duration.ofSeconds(5));
    }
}

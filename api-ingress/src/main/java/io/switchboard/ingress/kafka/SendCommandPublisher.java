package io.switchboard.ingress.kafka;

import io.micronaut.core.annotation.Nullable;
import io.switchboard.ingress.support.SendTimer;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.SendCommand;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Writes send commands and completes when the broker acknowledged them (acks=all), or fails after the ack timeout.
 *
 * <p>{@code send()} itself can block (first metadata fetch, schema registration, a full buffer), so it runs on one
 * dedicated thread and never on an HTTP or Redis event loop; one thread also keeps records in acceptance order. A
 * request that already timed out is not sent afterwards, so a client told 503 is not surprised by a queued message
 * (except for a record the producer already holds when the timeout strikes: the answer is then ambiguous; see the
 * README on Idempotency-Key). The acknowledgement is completed on the request's event loop when the caller names it
 * (else on a small pool of its own), never on the producer's single network thread: what follows it (the 202 built
 * and written) would otherwise delay every other ack and batch (docs/BENCHMARKS.md, the ingress profile).
 */
public final class SendCommandPublisher implements AutoCloseable {

    private final Producer<String, SendCommand> producer;
    private final Duration ackTimeout;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "send-commands-producer");
        thread.setDaemon(true);
        return thread;
    });

    private final ExecutorService acks = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "send-commands-acks");
        thread.setDaemon(true);
        return thread;
    });

    public SendCommandPublisher(Producer<String, SendCommand> producer, Duration ackTimeout) {
        this.producer = producer;
        this.ackTimeout = ackTimeout;
    }

    /**
     * Completes with the record's position once acknowledged; fails on error or after the ack timeout. The
     * acknowledgement is completed on {@code answerOn} (the request's event loop, where the answer is written anyway:
     * one thread hop fewer per send) or, when null or no longer accepting work, on the publisher's own pool.
     * {@code timer} (may be null) takes the moments the record was handed to the producer and acknowledged.
     */
    public CompletableFuture<RecordMetadata> publish(String key, SendCommand command, @Nullable Executor answerOn,
                                                     @Nullable SendTimer timer) {
        CompletableFuture<RecordMetadata> acked = new CompletableFuture<>();
        ProducerRecord<String, SendCommand> record = new ProducerRecord<>(Topics.SEND_COMMANDS.name(), key, command);
        try {
            sender.execute(() -> {
                if (acked.isDone()) {
                    return;
                }
                try {
                    SendTimer.sent(timer);
                    producer.send(record, (metadata, failure) -> {
                        SendTimer.acked(timer);
                        acknowledge(acked, metadata, failure, answerOn);
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

    private void acknowledge(CompletableFuture<RecordMetadata> acked, RecordMetadata metadata, Exception failure,
                             @Nullable Executor answerOn) {
        if (answerOn != null) {
            try {
                answerOn.execute(() -> complete(acked, metadata, failure));
                return;
            } catch (RejectedExecutionException shuttingDown) {
                // the connection's event loop is closing: the pool below still completes the future
            }
        }
        try {
            acks.execute(() -> complete(acked, metadata, failure));
        } catch (RejectedExecutionException closing) {
            complete(acked, metadata, failure);
        }
    }

    private static void complete(CompletableFuture<RecordMetadata> acked, RecordMetadata metadata,
                                 Exception failure) {
        if (failure != null) {
            acked.completeExceptionally(failure);
        } else {
            acked.complete(metadata);
        }
    }

    /** Fetches the topic's metadata now, so the first request does not pay for it. */
    public void warmUp() {
        producer.partitionsFor(Topics.SEND_COMMANDS.name());
    }

    @Override
    public void close() {
        sender.shutdown();
        try {
            sender.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
        acks.shutdown();
    }
}

package io.switchboard.dispatcher;

import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.AttemptRecord;
import io.switchboard.schemas.avro.DeadLetter;
import io.switchboard.schemas.avro.ErrorInfo;
import io.switchboard.schemas.avro.MessageEvent;
import io.switchboard.schemas.avro.MessageEventType;
import io.switchboard.schemas.avro.RetryCommand;
import io.switchboard.schemas.avro.SendCommand;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
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
 * Writes what happened to each message to {@code message-events} (key messageId), exhausted commands to
 * {@code send-commands-dlq} and parked ones to {@code send-commands-retry} (both keyed as send-commands; a parked one
 * to the partition number of the send-commands record it came from), with idempotent {@code acks=all} producers.
 *
 * <p>Rule: the returned future completes only when Kafka has acknowledged the record. A failed write is retried with
 * a capped backoff for as long as the publisher is open, because the caller marks the send-commands offset finished
 * only after this future completes: an outcome is never lost, at worst written again after a restart. Once closed,
 * pending writes fail, which leaves their offsets uncommitted for the next owner.
 */
public final class MessageEventPublisher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MessageEventPublisher.class);
    private static final long FIRST_RETRY_MILLIS = 100;
    private static final long MAX_RETRY_MILLIS = 10_000;

    private final Producer<String, MessageEvent> events;
    private final Producer<String, DeadLetter> deadLetters;
    private final Producer<String, RetryCommand> parked;
    private final ScheduledExecutorService scheduler;
    private final DispatcherMetrics metrics;
    private final Clock clock;
    private volatile boolean closed;

    public MessageEventPublisher(Map<String, Object> producerConfig, String registryUrl,
            ScheduledExecutorService scheduler, DispatcherMetrics metrics, Clock clock) {
        Map<String, Object> config = new HashMap<>(producerConfig);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // A send blocks its caller while metadata is missing; keep that short and retry from here instead.
        config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "dispatcher-events");
        this.events = new KafkaProducer<>(config, Topics.MESSAGE_EVENTS.keySerde().serializer(),
                Topics.MESSAGE_EVENTS.valueSerde(registryUrl).serializer());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "dispatcher-dlq");
        this.deadLetters = new KafkaProducer<>(config, Topics.SEND_COMMANDS_DLQ.keySerde().serializer(),
                Topics.SEND_COMMANDS_DLQ.valueSerde(registryUrl).serializer());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "dispatcher-parked");
        this.parked = new KafkaProducer<>(config, Topics.SEND_COMMANDS_RETRY.keySerde().serializer(),
                Topics.SEND_COMMANDS_RETRY.valueSerde(registryUrl).serializer());
        this.scheduler = scheduler;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Fetches both topics' metadata now, so the first outcome does not wait for it. */
    public void warmUp() {
        events.partitionsFor(Topics.MESSAGE_EVENTS.name());
        deadLetters.partitionsFor(Topics.SEND_COMMANDS_DLQ.name());
        parked.partitionsFor(Topics.SEND_COMMANDS_RETRY.name());
    }

    /** Parks a command on partition {@code partition} of send-commands-retry (its send-commands partition). */
    public CompletableFuture<Void> park(int partition, RetryCommand command) {
        String key = Topics.sendCommandKey(command.getCommand().getPhoneNumberId(), command.getCommand().getRecipient());
        return write(parked, new ProducerRecord<>(Topics.SEND_COMMANDS_RETRY.name(), partition, key, command));
    }

    public CompletableFuture<Void> sent(SendCommand command, String wamid, int attempt) {
        return publish(event(command, MessageEventType.SENT, attempt).setWamid(wamid).build());
    }

    public CompletableFuture<Void> failed(SendCommand command, ErrorInfo error, int attempt) {
        return publish(event(command, MessageEventType.FAILED, attempt).setError(error).build());
    }

    /** An attempt failed and another one is scheduled: gives the message's timeline its attempts. */
    public CompletableFuture<Void> attemptFailed(SendCommand command, ErrorInfo error, int attempt) {
        return publish(event(command, MessageEventType.ATTEMPT, attempt).setError(error).build());
    }

    public CompletableFuture<Void> expired(SendCommand command, int attempt) {
        return expired(command, attempt, null);
    }

    /**
     * The message's validity ended before it could be sent; {@code lastError} is the last attempt's error, if it was
     * tried (its code is kept, so the status says what WhatsApp answered while the message was retried).
     */
    public CompletableFuture<Void> expired(SendCommand command, int attempt, ErrorInfo lastError) {
        String validity = command.getExpiresAt() != null ? "expiresAt " + command.getExpiresAt()
                : "no expiresAt; valid for the dispatcher's default-validity after acceptedAt " + command.getAcceptedAt();
        String detail = lastError == null ? validity : validity + "; " + attempt + " attempt(s), the last refused: "
                + (lastError.getCode() == null ? "" : "code " + lastError.getCode() + " ") + lastError.getTitle()
                + (lastError.getDetail() == null ? "" : " (" + lastError.getDetail() + ")");
        ErrorInfo error = ErrorInfo.newBuilder().setCode(lastError == null ? null : lastError.getCode())
                .setTitle("Expired before it could be sent").setDetail(detail).setReason("EXPIRED").build();
        return publish(event(command, MessageEventType.EXPIRED, attempt).setError(error).build());
    }

    public CompletableFuture<Void> deadLetter(SendCommand command, List<AttemptRecord> attempts, ErrorInfo lastError) {
        DeadLetter letter = DeadLetter.newBuilder().setCommand(command).setAttempts(List.copyOf(attempts))
                .setLastError(lastError).setDeadLetteredAt(clock.instant()).build();
        String key = Topics.sendCommandKey(command.getPhoneNumberId(), command.getRecipient());
        return write(deadLetters, new ProducerRecord<>(Topics.SEND_COMMANDS_DLQ.name(), key, letter));
    }

    private MessageEvent.Builder event(SendCommand command, MessageEventType type, int attempt) {
        return MessageEvent.newBuilder()
                .setMessageId(command.getMessageId())
                .setType(type)
                .setOccurredAt(clock.instant())
                .setAttempt(attempt)
                .setPhoneNumberId(command.getPhoneNumberId())
                .setRecipient(command.getRecipient());
    }

    private CompletableFuture<Void> publish(MessageEvent event) {
        return write(events, new ProducerRecord<>(Topics.MESSAGE_EVENTS.name(), event.getMessageId(), event));
    }

    private <V> CompletableFuture<Void> write(Producer<String, V> producer, ProducerRecord<String, V> record) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        attemptWrite(producer, record, written, 0);
        return written;
    }

    private <V> void attemptWrite(Producer<String, V> producer, ProducerRecord<String, V> record,
            CompletableFuture<Void> written, int failures) {
        if (closed) {
            written.completeExceptionally(new IllegalStateException("publisher closed before " + record.topic()
                    + " record " + record.key() + " was written"));
            return;
        }
        try {
            producer.send(record, (metadata, failure) -> {
                if (failure == null) {
                    written.complete(null);
                } else {
                    retryLater(producer, record, written, failures + 1, failure);
                }
            });
        } catch (RuntimeException e) {
            retryLater(producer, record, written, failures + 1, e);
        }
    }

    private <V> void retryLater(Producer<String, V> producer, ProducerRecord<String, V> record,
            CompletableFuture<Void> written, int failures, Throwable failure) {
        metrics.publishRetry();
        long delay = Math.min(MAX_RETRY_MILLIS, FIRST_RETRY_MILLIS << Math.min(failures, 20));
        LOG.warn("Writing to {} failed ({} time(s)), retrying in {} ms: {}", record.topic(), failures, delay,
                failure.toString());
        try {
            scheduler.schedule(() -> attemptWrite(producer, record, written, failures), delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            written.completeExceptionally(failure);
        }
    }

    /** Flushes what was sent, then stops; writes still being retried fail (their offsets stay uncommitted). */
    @Override
    public void close() {
        closed = true;
        events.close(Duration.ofSeconds(5));
        deadLetters.close(Duration.ofSeconds(5));
        parked.close(Duration.ofSeconds(5));
    }
}

package io.switchboard.dispatcher;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.dispatcher.validation.CommandRules;
import io.switchboard.dispatcher.validation.ConsumedCommand;
import io.switchboard.dispatcher.validation.Rejection;
import io.switchboard.dispatcher.validation.RejectionCode;
import io.switchboard.schemas.avro.ErrorInfo;
import io.switchboard.schemas.avro.RejectedCommand;
import io.switchboard.schemas.avro.SendCommand;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The validation step before any send: a record on send-commands is delivered only if it decodes as a SendCommand,
 * passes {@link CommandRules} (once the accounts table is read; a command naming an account the table does not know
 * is checked again once the table has read everything the topic holds by then) and holds its message id ({@link MessageIdClaims}).
 * Otherwise it is never sent: a {@code RejectedCommand} with the code, the reason, the source partition and offset and
 * the original key and value bytes goes to {@code rejected-commands}, and, when the record names a message id that is
 * its own (not a duplicate's), a FAILED {@code MessageEvent} (reason INVALID_COMMAND, detail "CODE: reason") so the
 * status query tells the truth. The record counts as finished once both are in Kafka.
 */
final class CommandGate {

    private static final Logger LOG = LoggerFactory.getLogger(CommandGate.class);

    private final CommandRules rules;
    private final CompletableFuture<Void> accountsReady;
    private final Supplier<CompletableFuture<Void>> accountsCaughtUp;
    private final MessageIdClaims claims; // null when unique-message-ids is off
    private final RejectedCommandPublisher rejects;
    private final MessageEventPublisher events;
    private final DispatcherMetrics metrics;
    private final MeterRegistry registry;
    private final ScheduledExecutorService timers;
    private final Executor workers;
    private final Duration redisRetry;
    private final Clock clock;

    CommandGate(CommandRules rules, CompletableFuture<Void> accountsReady,
            Supplier<CompletableFuture<Void>> accountsCaughtUp, MessageIdClaims claims,
            RejectedCommandPublisher rejects, MessageEventPublisher events, DispatcherMetrics metrics,
            MeterRegistry registry, ScheduledExecutorService timers, Executor workers, Duration redisRetry,
            Clock clock) {
        this.rules = rules;
        this.accountsReady = accountsReady;
        this.accountsCaughtUp = accountsCaughtUp;
        this.claims = claims;
        this.rejects = rejects;
        this.events = events;
        this.metrics = metrics;
        this.registry = registry;
        this.timers = timers;
        this.workers = workers;
        this.redisRetry = redisRetry;
        this.clock = clock;
    }

    /** The command to deliver, or empty once the record's rejection is written. */
    CompletableFuture<Optional<SendCommand>> admit(ConsumerRecord<String, ConsumedCommand> record,
            Ownership ownership) {
        ConsumedCommand consumed = record.value();
        if (consumed == null) {
            return reject(record, null, new Rejection(RejectionCode.EMPTY_VALUE, "the record has no value"));
        }
        if (consumed.undecodable() != null) {
            metrics.undecodable();
            return reject(record, null, consumed.undecodable());
        }
        SendCommand command = consumed.command();
        // Continue on a worker, never on the accounts reader's or Redis' I/O thread: a reject may block on Kafka.
        return accountsReady.thenComposeAsync(ready -> {
            Optional<Rejection> rejection = rules.check(record.key(), command);
            if (rejection.isPresent() && mayBeUnread(rejection.get())) {
                // An account created (or renumbered) a moment ago may not be read yet: look again once it is.
                return accountsCaughtUp.get().thenComposeAsync(caughtUp ->
                        decide(record, command, ownership, rules.check(record.key(), command)), workers);
            }
            return decide(record, command, ownership, rejection);
        }, workers);
    }

    private CompletableFuture<Optional<SendCommand>> decide(ConsumerRecord<String, ConsumedCommand> record,
            SendCommand command, Ownership ownership, Optional<Rejection> rejection) {
        if (rejection.isPresent()) {
            return reject(record, command, rejection.get());
        }
        return claimed(command, ownership).thenCompose(own -> own ? CompletableFuture.completedFuture(
                Optional.of(command)) : reject(record, command, new Rejection(RejectionCode.DUPLICATE_MESSAGE_ID,
                "messageId is already used by a different command; the first one is delivered")));
    }

    private static boolean mayBeUnread(Rejection rejection) {
        return rejection.code() == RejectionCode.UNKNOWN_ACCOUNT
                || rejection.code() == RejectionCode.PHONE_NUMBER_NOT_OF_ACCOUNT
                || rejection.code() == RejectionCode.NUMBER_NOT_OWNED;
    }

    /** Claims the message id, asking again while Redis is away (nothing could be sent meanwhile anyway). */
    private CompletableFuture<Boolean> claimed(SendCommand command, Ownership ownership) {
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        claim(command, ownership, result);
        return result;
    }

    private void claim(SendCommand command, Ownership ownership, CompletableFuture<Boolean> result) {
        if (claims == null) {
            result.complete(true);
            return;
        }
        if (!ownership.mayStart()) {
            result.completeExceptionally(new DeliveryAbandonedException(command.getMessageId()));
            return;
        }
        claims.claim(command).whenCompleteAsync((own, failure) -> {
            if (failure == null) {
                result.complete(own);
                return;
            }
            metrics.pacingUnavailable();
            try {
                timers.schedule(() -> claim(command, ownership, result), redisRetry.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RuntimeException e) {
                result.completeExceptionally(new DeliveryAbandonedException(command.getMessageId()));
            }
        }, workers);
    }

    private CompletableFuture<Optional<SendCommand>> reject(ConsumerRecord<String, ConsumedCommand> record,
            SendCommand command, Rejection rejection) {
        LOG.warn("Rejected {}-{}@{} without sending it: {}{}", record.topic(), record.partition(), record.offset(),
                rejection, command == null ? "" : " (message " + command.getMessageId() + ")");
        Counter.builder("dispatcher.rejected.commands").description("send-commands records rejected without sending")
                .tag("code", rejection.code().name()).register(registry).increment();
        RejectedCommand rejected = RejectedCommand.newBuilder()
                .setCode(rejection.code().name())
                .setReason(rejection.reason())
                .setSourceTopic(record.topic())
                .setSourcePartition(record.partition())
                .setSourceOffset(record.offset())
                .setOriginalKey(record.key() == null ? null
                        : ByteBuffer.wrap(record.key().getBytes(StandardCharsets.UTF_8)))
                .setOriginalValue(record.value() == null ? null : ByteBuffer.wrap(record.value().value()))
                .setRejectedAt(clock.instant())
                .build();
        CompletableFuture<Void> stored = rejects.publish(record.key(), rejected);
        if (command != null && hasOwnMessageId(command, rejection)) {
            ErrorInfo error = ErrorInfo.newBuilder().setCode(null).setTitle("Invalid send command")
                    .setDetail(rejection.toString()).setReason("INVALID_COMMAND").build();
            stored = CompletableFuture.allOf(stored, events.failed(command, error, 0));
        }
        return stored.thenApply(v -> {
            if (command == null) {
                metrics.result("rejected");
            } else {
                metrics.result("rejected", command);
            }
            return Optional.empty();
        });
    }

    /** A duplicate's id belongs to another message, whose status must not change; a blank id is no message. */
    private static boolean hasOwnMessageId(SendCommand command, Rejection rejection) {
        return rejection.code() != RejectionCode.DUPLICATE_MESSAGE_ID && command.getMessageId() != null
                && !command.getMessageId().isBlank();
    }
}

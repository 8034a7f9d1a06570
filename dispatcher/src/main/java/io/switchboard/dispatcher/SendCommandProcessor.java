package io.switchboard.dispatcher;

import io.switchboard.schemas.Redaction;
import io.switchboard.schemas.avro.AttemptRecord;
import io.switchboard.schemas.avro.ErrorInfo;
import io.switchboard.schemas.avro.SendCommand;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one send command to the Cloud API and publishes its outcome; the returned future completes when the
 * outcome (and dead letter, if any) is in Kafka, which is when its offset may be committed.
 *
 * <p>Rules, in order: an expired command (expiresAt in the past, checked before every attempt) is EXPIRED and never
 * sent; a command that cannot be mapped fails at once (INVALID_COMMAND); each Cloud API outcome is classified by
 * {@link SendOutcomeClassifier}; SENT publishes the wamid; PERMANENT and HALT publish FAILED with WhatsApp's code and
 * text (HALT also logs loudly: issue 4 pauses the number); retryable verdicts publish an ATTEMPT event and schedule
 * the next attempt on a timer, never holding a thread, for as long as {@link RetryPolicy} allows; when it does not,
 * the message is FAILED and dead-lettered with every attempt. Before each attempt the partition must still be ours,
 * otherwise the delivery is abandoned (see {@link DeliveryAbandonedException}).
 */
public final class SendCommandProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(SendCommandProcessor.class);

    private final CloudApiRequestMapper mapper;
    private final CloudApiClient client;
    private final SendOutcomeClassifier classifier;
    private final RetryPolicy retryPolicy;
    private final MessageEventPublisher publisher;
    private final ScheduledExecutorService timers;
    private final Executor workers;
    private final DispatcherMetrics metrics;
    private final Clock clock;

    public SendCommandProcessor(CloudApiRequestMapper mapper, CloudApiClient client, SendOutcomeClassifier classifier,
            RetryPolicy retryPolicy, MessageEventPublisher publisher, ScheduledExecutorService timers,
            Executor workers, DispatcherMetrics metrics, Clock clock) {
        this.mapper = mapper;
        this.client = client;
        this.classifier = classifier;
        this.retryPolicy = retryPolicy;
        this.publisher = publisher;
        this.timers = timers;
        this.workers = workers;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Starts delivering {@code command}; {@code owned} answers whether its partition is still assigned to us. */
    public CompletableFuture<Void> process(SendCommand command, BooleanSupplier owned) {
        return new Delivery(command, owned).start();
    }

    /** One message's attempts. Attempts run one after another, so its state needs no locking. */
    private final class Delivery {

        private final SendCommand command;
        private final BooleanSupplier owned;
        private final List<AttemptRecord> attempts = new ArrayList<>();
        private final List<CompletableFuture<Void>> writes = new ArrayList<>();
        private final CompletableFuture<Void> done = new CompletableFuture<>();
        private byte[] body;
        private int ambiguous;

        Delivery(SendCommand command, BooleanSupplier owned) {
            this.command = command;
            this.owned = owned;
        }

        CompletableFuture<Void> start() {
            try {
                if (isExpired()) {
                    finish(publisher.expired(command, 0), "expired");
                    return done;
                }
                body = mapper.toBytes(command);
            } catch (InvalidCommandException e) {
                LOG.warn("Message {} to {} is not sendable: {}", command.getMessageId(), masked(), e.getMessage());
                ErrorInfo error = ErrorInfo.newBuilder().setCode(null).setTitle("Invalid send command")
                        .setDetail(e.getMessage()).setReason("INVALID_COMMAND").build();
                finish(publisher.failed(command, error, 0), "failed");
                return done;
            }
            attempt();
            return done;
        }

        private void attempt() {
            try {
                if (!owned.getAsBoolean()) {
                    done.completeExceptionally(new DeliveryAbandonedException(command.getMessageId()));
                    return;
                }
                if (isExpired()) {
                    finish(publisher.expired(command, attempts.size()), "expired");
                    return;
                }
                int number = attempts.size() + 1;
                Instant at = clock.instant();
                client.send(command.getPhoneNumberId(), body)
                        .thenAcceptAsync(outcome -> onOutcome(outcome, number, at), workers)
                        .exceptionally(this::failUnexpectedly);
            } catch (RuntimeException e) {
                failUnexpectedly(e);
            }
        }

        private void onOutcome(CloudApiOutcome outcome, int number, Instant at) {
            Classification verdict = classifier.classify(outcome);
            metrics.attempt(verdict.action(), outcome.latency());
            attempts.add(AttemptRecord.newBuilder().setAttempt(number).setAt(at)
                    .setOutcome(verdict.action().recorded()).setError(verdict.error())
                    .setDurationMillis(outcome.latency().toMillis()).build());
            if (verdict.action() == SendAction.AMBIGUOUS) {
                ambiguous++;
            }
            switch (verdict.action()) {
                case SENT -> sent((CloudApiOutcome.Accepted) outcome, number);
                case PERMANENT -> {
                    LOG.info("Message {} to {} failed permanently: {}", command.getMessageId(), masked(),
                            describe(verdict.error()));
                    finish(publisher.failed(command, verdict.error(), number), "failed");
                }
                case HALT -> {
                    LOG.error("HALT: business number {} cannot send ({}); message {} failed. Check the access token, "
                            + "permissions and account status.", command.getPhoneNumberId(), describe(verdict.error()),
                            command.getMessageId());
                    finish(publisher.failed(command, verdict.error(), number), "failed");
                }
                default -> retryOrGiveUp(verdict, number);
            }
        }

        private void sent(CloudApiOutcome.Accepted accepted, int number) {
            if (accepted.wamid() == null) {
                LOG.warn("Message {} accepted (HTTP {}) without a wamid; webhooks will correlate it by message id",
                        command.getMessageId(), accepted.httpStatus());
            }
            finish(publisher.sent(command, accepted.wamid(), number), "sent");
        }

        private void retryOrGiveUp(Classification verdict, int number) {
            Optional<Duration> delay = retryPolicy.nextDelay(verdict, number, ambiguous);
            if (delay.isEmpty()) {
                String reason = verdict.action() == SendAction.AMBIGUOUS ? "AMBIGUOUS" : "RETRIES_EXHAUSTED";
                ErrorInfo last = verdict.errorWithReason(reason);
                LOG.warn("Message {} to {} failed after {} attempt(s), dead-lettered: {}", command.getMessageId(),
                        masked(), number, describe(last));
                finish(CompletableFuture.allOf(publisher.deadLetter(command, attempts, last),
                        publisher.failed(command, last, number)), "dead_lettered");
                return;
            }
            if (verdict.action() == SendAction.AMBIGUOUS) {
                metrics.possibleDuplicate();
                LOG.warn("Message {} to {}: no answer after the request was written ({}); retrying, WhatsApp may "
                        + "deliver it twice", command.getMessageId(), masked(), verdict.error().getDetail());
            } else {
                LOG.debug("Message {} attempt {} {}: retrying in {} ms", command.getMessageId(), number,
                        describe(verdict.error()), delay.get().toMillis());
            }
            writes.add(publisher.attemptFailed(command, verdict.error(), number));
            try {
                timers.schedule(() -> workers.execute(this::attempt), delay.get().toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                done.completeExceptionally(new DeliveryAbandonedException(command.getMessageId()));
            }
        }

        private void finish(CompletableFuture<Void> outcomeWritten, String result) {
            writes.add(outcomeWritten);
            CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).whenComplete((ignored, failure) -> {
                if (failure == null) {
                    metrics.result(result);
                    done.complete(null);
                } else {
                    done.completeExceptionally(failure);
                }
            });
        }

        private Void failUnexpectedly(Throwable failure) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause instanceof RejectedExecutionException) {
                // Shutting down: the workers are gone, the next owner of the partition sends it.
                done.completeExceptionally(new DeliveryAbandonedException(command.getMessageId()));
                return null;
            }
            if (!done.isDone()) {
                LOG.error("Delivery of message {} stopped unexpectedly; its offset stays uncommitted",
                        command.getMessageId(), failure);
                done.completeExceptionally(failure);
            }
            return null;
        }

        private boolean isExpired() {
            return command.getExpiresAt() != null && command.getExpiresAt().isBefore(clock.instant());
        }

        private String masked() {
            return Redaction.phone(command.getRecipient());
        }
    }

    private static String describe(ErrorInfo error) {
        return error == null ? "no error" : "code " + error.getCode() + " " + error.getTitle()
                + (error.getDetail() == null ? "" : " (" + error.getDetail() + ")");
    }
}

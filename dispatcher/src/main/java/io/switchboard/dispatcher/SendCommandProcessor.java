package io.switchboard.dispatcher;

import io.switchboard.cloudapi.CloudApiRequestMapper;
import io.switchboard.cloudapi.InvalidCommandException;
import io.switchboard.schemas.Redaction;
import io.switchboard.schemas.Topics;
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
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one send command to the Cloud API and publishes its outcome; the returned future completes when the
 * outcome (and dead letter, if any) is in Kafka, which is when its offset may be committed.
 *
 * <p>Rules, in order: a command with a sent marker ({@link SentMarkers}) was already handed to WhatsApp and is never
 * sent again (its SENT is re-announced, an in-doubt one publishes nothing); an expired command (expiresAt in the
 * past, checked before every attempt) is EXPIRED and never sent; a command that cannot be mapped fails at once
 * (INVALID_COMMAND); every attempt first takes a slot of its business number's shared pace ({@link NumberPacer}),
 * waiting on a timer so other numbers keep flowing, and goes out only while the instance's one-second window of
 * the number has room ({@link SendWindows}); nothing is sent while Redis is unreachable; each Cloud API
 * outcome is classified by {@link SendOutcomeClassifier}. SENT records the marker, then publishes the wamid;
 * PERMANENT publishes FAILED with WhatsApp's code and text; HALT halts the number or its whole account for every
 * instance ({@link Halts}) and the message waits with the others for an operator's
 * clear (an attempt of a halted account's message waits before it takes a slot); AMBIGUOUS (written, not
 * answered) is never resent by default: marker "in-doubt", an ATTEMPT event, and webhooks tell the status; retryable
 * verdicts publish an ATTEMPT event and schedule the next attempt on a timer for as long as {@link RetryPolicy}
 * allows (a 131056 waits {@link PairBackoff}'s 4^X seconds instead, a 130429 also lowers the number's pace); when it
 * does not, the message is FAILED and dead-lettered with every attempt. No new step starts once the partition is
 * being released ({@link Ownership}): the delivery is abandoned ({@link DeliveryAbandonedException}) and the next
 * owner takes it over; a call already under way is finished first.
 */
public final class SendCommandProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(SendCommandProcessor.class);
    private static final int THROUGHPUT_REACHED = 130429;
    private static final int PAIR_RATE_LIMIT = 131056;

    private final CloudApiRequestMapper mapper;
    private final CloudApiClient client;
    private final SendOutcomeClassifier classifier;
    private final RetryPolicy retryPolicy;
    private final MessageEventPublisher publisher;
    private final ScheduledExecutorService timers;
    private final Executor workers;
    private final DispatcherMetrics metrics;
    private final Clock clock;
    private final NumberPacer pacer;
    private final PairBackoff pairs;
    private final Duration redisRetry;
    private final Duration haltRecheck;
    private final Halts halts;
    private final SentMarkers markers;
    private final SendWindows windows;

    public SendCommandProcessor(CloudApiRequestMapper mapper, CloudApiClient client, SendOutcomeClassifier classifier,
            RetryPolicy retryPolicy, MessageEventPublisher publisher, ScheduledExecutorService timers,
            Executor workers, DispatcherMetrics metrics, Clock clock, NumberPacer pacer, PacingProperties pacing, Halts halts,
            SentMarkers markers) {
        this.pacer = pacer;
        this.pairs = new PairBackoff(pacing.getPairBackoffMax());
        this.redisRetry = pacing.getRedisRetryInterval();
        this.haltRecheck = pacing.getHaltRecheckInterval();
        this.halts = halts;
        this.markers = markers;
        this.windows = new SendWindows(pacing);
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

    /** Starts delivering {@code command}; {@code ownership} says whether its partition may still start work. */
    public CompletableFuture<Void> process(SendCommand command, Ownership ownership) {
        return new Delivery(command, ownership).start();
    }

    /** One message's attempts. Attempts run one after another, so its state needs no locking. */
    private final class Delivery {

        private final SendCommand command;
        private final Ownership ownership;
        private final AtomicBoolean calling = new AtomicBoolean();
        private final List<AttemptRecord> attempts = new ArrayList<>();
        private final List<CompletableFuture<Void>> writes = new ArrayList<>();
        private final CompletableFuture<Void> done = new CompletableFuture<>();
        private byte[] body;
        private int ambiguous;

        Delivery(SendCommand command, Ownership ownership) {
            this.command = command;
            this.ownership = ownership;
        }

        CompletableFuture<Void> start() {
            checkMarker();
            return done;
        }

        /** A command redelivered after a crash or rebalance may already be with WhatsApp: never send it twice. */
        private void checkMarker() {
            if (!ownership.mayStart()) {
                done.completeExceptionally(new DeliveryAbandonedException(command.getMessageId()));
                return;
            }
            markers.lookup(command.getMessageId()).handleAsync((marker, failure) -> {
                if (failure != null) {
                    metrics.pacingUnavailable();
                    later(this::checkMarker, redisRetry);
                } else if (marker.isPresent()) {
                    alreadyHandled(marker.get());
                } else {
                    begin();
                }
                return (Void) null;
            }, workers).exceptionally(this::failUnexpectedly);
        }

        private void alreadyHandled(String marker) {
            boolean inDoubt = SentMarkers.IN_DOUBT.equals(marker);
            metrics.redeliveredSkipped(inDoubt ? "in_doubt" : "sent");
            LOG.info("Message {} was already handed to WhatsApp ({}); not sending it again", command.getMessageId(),
                    inDoubt ? "in doubt" : "accepted");
            if (inDoubt) {
                finish(CompletableFuture.completedFuture(null), "skipped_in_doubt");
            } else {
                // Re-announce the SENT event (attempt 0): the crash may have come before it was published.
                String wamid = SentMarkers.ACCEPTED.equals(marker) ? null : marker;
                finish(publisher.sent(command, wamid, 0), "skipped_already_sent");
            }
        }

        private void begin() {
            try {
                if (isExpired()) {
                    finish(publisher.expired(command, 0), "expired");
                    return;
                }
                body = mapper.toBytes(command);
            } catch (InvalidCommandException e) {
                LOG.warn("Message {} to {} is not sendable: {}", command.getMessageId(), masked(), e.getMessage());
                ErrorInfo error = ErrorInfo.newBuilder().setCode(null).setTitle("Invalid send command")
                        .setDetail(e.getMessage()).setReason("INVALID_COMMAND").build();
                finish(publisher.failed(command, error, 0), "failed");
                return;
            }
            attempt();
        }

        /** Records the marker, retrying while Redis is away; the outcome event waits for it. */
        private CompletableFuture<Void> mark(String value) {
            CompletableFuture<Void> marked = new CompletableFuture<>();
            markUntilRecorded(value, marked);
            return marked;
        }

        private void markUntilRecorded(String value, CompletableFuture<Void> marked) {
            markers.record(command.getMessageId(), value).whenComplete((ok, failure) -> {
                if (failure == null) {
                    marked.complete(null);
                } else if (!ownership.mayStart()) {
                    // The next owner finds no marker and sends again.
                    metrics.possibleDuplicate("marker_not_recorded");
                    marked.completeExceptionally(new DeliveryAbandonedException(command.getMessageId()));
                } else {
                    LOG.warn("Could not record the sent marker of message {} ({}); retrying", command.getMessageId(),
                            failure.toString());
                    later(() -> markUntilRecorded(value, marked), redisRetry);
                }
            });
        }

        private void attempt() {
            try {
                if (!ownership.mayStart()) {
                    done.completeExceptionally(new DeliveryAbandonedException(command.getMessageId()));
                    return;
                }
                if (isExpired()) {
                    finish(publisher.expired(command, attempts.size()), "expired");
                    return;
                }
                if (halts.accountHalted(command)) {
                    later(this::attempt, haltRecheck);
                    return;
                }
                // No hop to a worker: scheduling the send is all that happens on Redis's thread.
                pacer.acquire(command.getPhoneNumberId()).whenComplete(this::paced);
            } catch (RuntimeException e) {
                failUnexpectedly(e);
            }
        }

        /**
         * The number's pace answered: send at the reserved slot, on the timer thread itself (a worker busy with
         * other messages would make the slot late), or (Redis unreachable, number halted) ask again later. A slot
         * that fired late (a stalled timer, a GC pause, a slow Redis answer) is still used while this instance's
         * window of the number has room ({@link SendWindows}) and the slot is within its limit
         * ({@link PaceSlot#limit()}); past that, sending on it could bunch up with the sends on the next slots beyond
         * the number's budget, so the attempt takes a fresh slot instead.
         */
        private void paced(PaceSlot slot, Throwable failure) {
            try {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                if (cause instanceof NumberHaltedException) {
                    later(this::attempt, haltRecheck);
                    return;
                }
                if (failure != null) {
                    // Never send unpaced; the health indicator reports the pause.
                    metrics.pacingUnavailable();
                    LOG.debug("Pacing unavailable for message {} ({}); asking again in {}", command.getMessageId(),
                            failure.toString(), redisRetry);
                    later(this::attempt, redisRetry);
                    return;
                }
                long wait = slot.at() - System.nanoTime();
                if (wait > 0) {
                    metrics.pacingWait();
                }
                timers.schedule(() -> sendAt(slot), Math.max(0, wait), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                done.completeExceptionally(new DeliveryAbandonedException(command.getMessageId()));
            } catch (RuntimeException e) {
                failUnexpectedly(e);
            }
        }

        /**
         * Runs on the timer thread: only cheap, non-blocking steps here. The send goes out while its slot is within
         * its limit and this instance's window of the number has room ({@link SendWindows}); when the window is full
         * it waits for room as long as the slot stays within its limit; past the limit it takes a fresh slot.
         */
        private void sendAt(PaceSlot slot) {
            try {
                long now = System.nanoTime();
                if (!ownership.mayStart()) {
                    done.completeExceptionally(new DeliveryAbandonedException(command.getMessageId()));
                    return;
                }
                long wait = windows.release(command.getPhoneNumberId(), slot, now);
                if (wait == 0) {
                    if (!slot.usableAt(now)) {
                        metrics.pacingLateUsed();
                    }
                    metrics.slotLateness(now - slot.at());
                    send();
                } else if (wait > 0) {
                    metrics.pacingWindowWait();
                    timers.schedule(() -> sendAt(slot), wait, TimeUnit.NANOSECONDS);
                } else {
                    metrics.pacingLate();
                    onWorker(this::attempt);
                }
            } catch (RejectedExecutionException e) {
                done.completeExceptionally(new DeliveryAbandonedException(command.getMessageId()));
            }
        }

        private void send() {
            try {
                calling.set(true);
                ownership.callStarted();
                int number = attempts.size() + 1;
                Instant at = clock.instant();
                client.send(command.getPhoneNumberId(), body)
                        .thenAcceptAsync(outcome -> onOutcome(outcome, number, at), workers)
                        .exceptionally(this::failUnexpectedly);
            } catch (RuntimeException e) {
                failUnexpectedly(e);
            }
        }

        /** The call's outcome is handled: a release no longer needs to wait for this record. */
        private void callEnded() {
            if (calling.compareAndSet(true, false)) {
                ownership.callEnded();
            }
        }

        private void onWorker(Runnable step) {
            try {
                workers.execute(step);
            } catch (RejectedExecutionException e) {
                done.completeExceptionally(new DeliveryAbandonedException(command.getMessageId()));
            }
        }

        private void later(Runnable step, Duration delay) {
            try {
                timers.schedule(() -> workers.execute(step), Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                done.completeExceptionally(new DeliveryAbandonedException(command.getMessageId()));
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
            Integer code = verdict.error() == null ? null : verdict.error().getCode();
            if (code == null || code != PAIR_RATE_LIMIT) {
                pairs.reset(pairKey());
            }
            if (code != null && code == THROUGHPUT_REACHED) {
                slowDownNumber();
            }
            switch (verdict.action()) {
                case SENT -> sent((CloudApiOutcome.Accepted) outcome, number);
                case PERMANENT -> {
                    LOG.info("Message {} to {} failed permanently: {}", command.getMessageId(), masked(),
                            describe(verdict.error()));
                    finish(publisher.failed(command, verdict.error(), number), "failed");
                }
                case HALT -> halt(verdict, number);
                default -> retryOrGiveUp(verdict, number);
            }
        }

        private void sent(CloudApiOutcome.Accepted accepted, int number) {
            if (accepted.wamid() == null) {
                LOG.warn("Message {} accepted (HTTP {}) without a wamid; webhooks will correlate it by message id",
                        command.getMessageId(), accepted.httpStatus());
            }
            String marker = accepted.wamid() == null ? SentMarkers.ACCEPTED : accepted.wamid();
            finish(mark(marker).thenCompose(v -> publisher.sent(command, accepted.wamid(), number)), "sent");
        }

        /**
         * Written but unanswered: WhatsApp may have accepted it, and it has no idempotency key, so the message is not
         * sent again. It stays "in doubt": marked in Redis (a redelivery will not send it either), an ATTEMPT event
         * records the timeout, and its status comes from WhatsApp's webhooks, which carry our message id in
         * biz_opaque_callback_data.
         */
        private void inDoubt(Classification verdict, int number) {
            metrics.inDoubt();
            LOG.warn("Message {} to {}: no answer after the request was written ({}); WhatsApp may have accepted it. "
                    + "Not resent: it stays in doubt until WhatsApp's webhooks tell its status", command.getMessageId(),
                    masked(), verdict.error() == null ? "" : verdict.error().getDetail());
            finish(mark(SentMarkers.IN_DOUBT).thenCompose(v -> publisher.attemptFailed(command, verdict.error(),
                    number)), "in_doubt");
        }

        /** The number or its account cannot send: halt it for every instance; this message waits for a clear. */
        private void halt(Classification verdict, int number) {
            metrics.halted();
            writes.add(publisher.attemptFailed(command, verdict.error(), number));
            halts.halt(command, verdict).whenComplete((ignored, failure) -> {
                callEnded();
                later(this::attempt, haltRecheck);
            });
        }

        private void slowDownNumber() {
            pacer.slowDown(command.getPhoneNumberId()).whenComplete((rate, failure) -> {
                if (failure == null) {
                    metrics.rateLowered();
                    LOG.info("130429 from WhatsApp: number {} now paced at {} messages a second",
                            command.getPhoneNumberId(), rate);
                } else {
                    LOG.warn("130429 from WhatsApp, but the number's pace could not be lowered: {}", failure.toString());
                }
            });
        }

        private String pairKey() {
            return Topics.sendCommandKey(command.getPhoneNumberId(), command.getRecipient());
        }

        private void retryOrGiveUp(Classification verdict, int number) {
            Optional<Duration> delay = retryPolicy.nextDelay(verdict, number, ambiguous);
            if (delay.isPresent() && verdict.error() != null && verdict.error().getCode() != null
                    && verdict.error().getCode() == PAIR_RATE_LIMIT) {
                delay = Optional.of(pairs.next(pairKey()));
            }
            if (delay.isEmpty() && verdict.action() == SendAction.AMBIGUOUS) {
                inDoubt(verdict, number);
                return;
            }
            if (delay.isEmpty()) {
                ErrorInfo last = verdict.errorWithReason("RETRIES_EXHAUSTED");
                LOG.warn("Message {} to {} failed after {} attempt(s), dead-lettered: {}", command.getMessageId(),
                        masked(), number, describe(last));
                finish(CompletableFuture.allOf(publisher.deadLetter(command, attempts, last),
                        publisher.failed(command, last, number)), "dead_lettered");
                return;
            }
            if (verdict.action() == SendAction.AMBIGUOUS) {
                metrics.possibleDuplicate("in_doubt_resend");
                LOG.warn("Message {} to {}: no answer after the request was written ({}); retrying, WhatsApp may "
                        + "deliver it twice", command.getMessageId(), masked(), verdict.error().getDetail());
            } else {
                LOG.debug("Message {} attempt {} {}: retrying in {} ms", command.getMessageId(), number,
                        describe(verdict.error()), delay.get().toMillis());
            }
            writes.add(publisher.attemptFailed(command, verdict.error(), number));
            callEnded();
            later(this::attempt, delay.get());
        }

        private void finish(CompletableFuture<Void> outcomeWritten, String result) {
            writes.add(outcomeWritten);
            CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).whenComplete((ignored, failure) -> {
                callEnded();
                if (failure == null) {
                    metrics.result(result);
                    done.complete(null);
                } else {
                    done.completeExceptionally(failure);
                }
            });
        }

        private Void failUnexpectedly(Throwable failure) {
            callEnded();
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

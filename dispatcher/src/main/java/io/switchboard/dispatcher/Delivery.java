package io.switchboard.dispatcher;

import io.switchboard.cloudapi.InvalidCommandException;
import io.switchboard.schemas.Redaction;
import io.switchboard.schemas.avro.AttemptRecord;
import io.switchboard.schemas.avro.ErrorInfo;
import io.switchboard.schemas.avro.ParkReason;
import io.switchboard.schemas.avro.SendCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One message's attempts, run one after another (so its state needs no locking), as {@link SendCommandProcessor}
 * describes: marker check, validity, account standing, halts, pace, window, call; the call's outcome goes to
 * {@link AttemptOutcomes}, which ends the delivery ({@link #finish}), parks it ({@link #park}) or waits for the next
 * attempt ({@link #retryIn}). Only the latest {@value #HISTORY} attempts are kept with the message.
 */
final class Delivery {

    private static final Logger LOG = LoggerFactory.getLogger(Delivery.class);
    static final int HISTORY = 20;

    private final DeliveryContext ctx;
    private final AttemptOutcomes outcomes;
    private final SendCommand command;
    private final Ownership ownership;
    private final boolean mayPark;
    private final AtomicBoolean calling = new AtomicBoolean();
    private final List<AttemptRecord> attempts;
    private final List<CompletableFuture<Void>> writes = new ArrayList<>();
    private final CompletableFuture<DeliveryOutcome> done = new CompletableFuture<>();
    private byte[] body;
    private final Instant heldSince;
    private int attemptsMade;
    private int ambiguous;

    Delivery(DeliveryContext ctx, AttemptOutcomes outcomes, SendCommand command, Ownership ownership,
            List<AttemptRecord> history, int attemptsMade, int ambiguous, boolean mayPark) {
        this.ctx = ctx;
        this.outcomes = outcomes;
        this.command = command;
        this.ownership = ownership;
        this.attempts = new ArrayList<>(history);
        this.attemptsMade = attemptsMade;
        this.ambiguous = ambiguous;
        this.mayPark = mayPark;
        this.heldSince = ctx.clock().instant();
    }

    CompletableFuture<DeliveryOutcome> start() {
        checkMarker();
        return done;
    }

    /** A command redelivered after a crash or rebalance may already be with WhatsApp: never send it twice. */
    private void checkMarker() {
        if (!ownership.mayStart()) {
            abandon();
            return;
        }
        ctx.markers().lookup(command.getMessageId()).handleAsync((marker, failure) -> {
            if (failure != null) {
                ctx.metrics().pacingUnavailable();
                later(this::checkMarker, ctx.redisRetry());
            } else if (marker.isPresent()) {
                outcomes.alreadyHandled(this, marker.get());
            } else {
                begin();
            }
            return (Void) null;
        }, ctx.workers()).exceptionally(this::failUnexpectedly);
    }

    private void begin() {
        try {
            if (isExpired()) {
                outcomes.expired(this);
                return;
            }
            body = ctx.mapper().toBytes(command);
        } catch (InvalidCommandException e) {
            outcomes.notSendable(this, e);
            return;
        }
        attempt();
    }

    private void attempt() {
        try {
            if (!ownership.mayStart()) {
                abandon();
                return;
            }
            if (isExpired()) {
                outcomes.expired(this);
                return;
            }
            if (refusedByAccount()) {
                return;
            }
            if (ctx.halts().accountHalted(command)) {
                waitForHalt();
                return;
            }
            ctx.paceGate().await(command.getPhoneNumberId(), ownership).whenComplete(this::paced);
        } catch (RuntimeException e) {
            failUnexpectedly(e);
        }
    }

    /** Runs where the pace answered: on the timer thread at the moment to send, so nothing slow here. */
    private void paced(PaceGate.Verdict verdict, Throwable failure) {
        if (failure != null) {
            failUnexpectedly(failure);
            return;
        }
        switch (verdict) {
            case SEND -> {
                if (ctx.standing().refusal(command).isPresent()) {
                    onWorker(this::attempt);
                } else {
                    send();
                }
            }
            case TAKE_AGAIN -> onWorker(this::attempt);
            case HALTED -> onWorker(this::waitForHalt);
            case REDIS_UNAVAILABLE -> later(this::attempt, ctx.redisRetry());
            case ABANDONED -> abandon();
        }
    }

    private void send() {
        try {
            calling.set(true);
            ownership.callStarted();
            int number = attemptsMade + 1;
            Instant at = ctx.clock().instant();
            ctx.client().send(command.getPhoneNumberId(), body)
                    .thenAcceptAsync(outcome -> outcomes.handle(this, outcome, number, at), ctx.workers())
                    .exceptionally(this::failUnexpectedly);
        } catch (RuntimeException e) {
            failUnexpectedly(e);
        }
    }

    /** Called by {@link AttemptOutcomes} for each answered attempt. */
    void recordAttempt(AttemptRecord attempt, boolean unanswered) {
        attemptsMade = attempt.getAttempt();
        attempts.add(attempt);
        if (attempts.size() > HISTORY) {
            attempts.remove(0);
        }
        if (unanswered) {
            ambiguous++;
        }
    }

    /** An event (an ATTEMPT, say) that must be in Kafka before this delivery ends. */
    void written(CompletableFuture<Void> write) {
        writes.add(write);
    }

    /** The next attempt in {@code wait}: parked when the schedule says so and this delivery may park. */
    void retryIn(Duration wait, boolean parkIt) {
        if (parkIt && mayPark) {
            park(ParkReason.RETRY, wait);
            return;
        }
        callEnded();
        later(this::attempt, wait);
    }

    /** A fresh message of a halted number or account leaves the window; a parked one looks again later. */
    void waitForHalt() {
        if (mayPark) {
            park(ParkReason.HALTED, ctx.haltRecheck());
        } else {
            callEnded();
            later(this::attempt, ctx.haltRecheck());
        }
    }

    /** Ends this delivery so the caller parks the message; completes once the events so far are written. */
    private void park(ParkReason reason, Duration wait) {
        callEnded();
        DeliveryOutcome park = new DeliveryOutcome.Park(reason, ctx.clock().instant().plus(wait),
                List.copyOf(attempts), attemptsMade, ambiguous);
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).whenComplete((ignored, failure) -> {
            if (failure == null) {
                done.complete(park);
            } else {
                done.completeExceptionally(failure);
            }
        });
    }

    /** A disabled or deleted account sends nothing: the message fails with the account's reason. */
    private boolean refusedByAccount() {
        Optional<ErrorInfo> refusal = ctx.standing().refusal(command);
        refusal.ifPresent(error -> outcomes.refused(this, error));
        return refusal.isPresent();
    }

    /** Ends the delivery once {@code outcomeWritten} and every earlier event are in Kafka. */
    void finish(CompletableFuture<Void> outcomeWritten, String result) {
        writes.add(outcomeWritten);
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).whenComplete((ignored, failure) -> {
            callEnded();
            if (failure == null) {
                ctx.metrics().result(result, command);
                done.complete(DeliveryOutcome.FINISHED);
            } else {
                done.completeExceptionally(failure);
            }
        });
    }

    /** The call's outcome is handled: a release no longer needs to wait for this record. */
    void callEnded() {
        if (calling.compareAndSet(true, false)) {
            ownership.callEnded();
        }
    }

    /** Records the marker, retrying while Redis is away; the outcome event waits for it. */
    CompletableFuture<Void> mark(String value) {
        return ctx.markerWriter().record(command.getMessageId(), value, ownership);
    }

    private void onWorker(Runnable step) {
        try {
            ctx.workers().execute(step);
        } catch (RejectedExecutionException e) {
            abandon();
        }
    }

    private void later(Runnable step, Duration delay) {
        try {
            ctx.timers().schedule(() -> onWorker(step), Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            abandon();
        }
    }

    private void abandon() {
        done.completeExceptionally(new DeliveryAbandonedException(command.getMessageId()));
    }

    Void failUnexpectedly(Throwable failure) {
        callEnded();
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof RejectedExecutionException) {
            // Shutting down: the workers are gone, the next owner of the partition sends it.
            abandon();
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
        return ctx.schedule().isExpired(command, ctx.clock().instant());
    }

    SendCommand command() {
        return command;
    }

    List<AttemptRecord> attempts() {
        return attempts;
    }

    int ambiguous() {
        return ambiguous;
    }

    int attemptsMade() {
        return attemptsMade;
    }

    /** How long this delivery has held its record (for a fresh one: its in-flight slot). */
    Duration heldFor(Instant now) {
        return Duration.between(heldSince, now);
    }

    String masked() {
        return Redaction.phone(command.getRecipient());
    }
}

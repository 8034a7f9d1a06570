package io.switchboard.dispatcher;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Waits, for one attempt, until it may go out: a slot of its business number's shared pace ({@link NumberPacer}),
 * then room in this instance's one-second window of the number ({@link SendWindows}). The answer comes on the timer
 * thread at the moment to send (a worker busy with other messages would make the slot late), so the caller only
 * starts its non-blocking call there. A slot that fired late is still used while the window has room and the slot
 * is within its limit ({@link PaceSlot#limit()}); past that, sending on it could bunch up with the sends on the next
 * slots beyond the number's budget, so the attempt is told to take a fresh slot.
 */
final class PaceGate {

    /** What the attempt does next. */
    enum Verdict { SEND, TAKE_AGAIN, HALTED, REDIS_UNAVAILABLE, ABANDONED }

    private final NumberPacer pacer;
    private final SendWindows windows;
    private final ScheduledExecutorService timers;
    private final DispatcherMetrics metrics;

    PaceGate(NumberPacer pacer, SendWindows windows, ScheduledExecutorService timers, DispatcherMetrics metrics) {
        this.pacer = pacer;
        this.windows = windows;
        this.timers = timers;
        this.metrics = metrics;
    }

    CompletableFuture<Verdict> await(String phoneNumberId, Ownership ownership) {
        CompletableFuture<Verdict> verdict = new CompletableFuture<>();
        // No hop to a worker: scheduling the wait is all that happens on Redis's thread.
        pacer.acquire(phoneNumberId).whenComplete((slot, failure) -> paced(phoneNumberId, ownership, slot, failure,
                verdict));
        return verdict;
    }

    private void paced(String phoneNumberId, Ownership ownership, PaceSlot slot, Throwable failure,
            CompletableFuture<Verdict> verdict) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof NumberHaltedException) {
            verdict.complete(Verdict.HALTED);
        } else if (failure != null) {
            // Never send unpaced; the health indicator reports the pause.
            metrics.pacingUnavailable();
            verdict.complete(Verdict.REDIS_UNAVAILABLE);
        } else {
            long wait = slot.at() - System.nanoTime();
            if (wait > 0) {
                metrics.pacingWait();
            }
            schedule(() -> at(phoneNumberId, ownership, slot, verdict), Math.max(0, wait), verdict);
        }
    }

    /** On the timer thread: only cheap, non-blocking steps. */
    private void at(String phoneNumberId, Ownership ownership, PaceSlot slot, CompletableFuture<Verdict> verdict) {
        long now = System.nanoTime();
        if (!ownership.mayStart()) {
            verdict.complete(Verdict.ABANDONED);
            return;
        }
        long wait = windows.release(phoneNumberId, slot, now);
        if (wait == 0) {
            if (!slot.usableAt(now)) {
                metrics.pacingLateUsed();
            }
            metrics.slotLateness(now - slot.at());
            verdict.complete(Verdict.SEND);
        } else if (wait > 0) {
            metrics.pacingWindowWait();
            schedule(() -> at(phoneNumberId, ownership, slot, verdict), wait, verdict);
        } else {
            metrics.pacingLate();
            verdict.complete(Verdict.TAKE_AGAIN);
        }
    }

    private void schedule(Runnable step, long nanos, CompletableFuture<Verdict> verdict) {
        try {
            timers.schedule(step, nanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            verdict.complete(Verdict.ABANDONED);
        }
    }
}

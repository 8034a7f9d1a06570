package io.switchboard.ingress.support;

import io.micronaut.core.annotation.Nullable;

/**
 * The clock readings of one send on its way through the ingress, turned into a {@link SendStagesEvent} once Kafka
 * acknowledged it. {@link #start()} answers null unless a flight recording wants the event, so the send path pays
 * nothing for it otherwise; every method is meant to be called on a possibly-null timer through the static helpers.
 * Each reading is written by one thread and read after a happens-before edge (the future chain), so plain fields do.
 */
public final class SendTimer {

    private static final SendStagesEvent PROBE = new SendStagesEvent();

    private final long started = System.nanoTime();
    private long gateCalled;
    private long gated;
    private long sent;
    private long acked;

    private SendTimer() {
    }

    /** A timer when a recording takes {@link SendStagesEvent}; null otherwise. */
    @Nullable
    public static SendTimer start() {
        return PROBE.isEnabled() ? new SendTimer() : null;
    }

    public static void gateCalled(@Nullable SendTimer timer) {
        if (timer != null) {
            timer.gateCalled = System.nanoTime();
        }
    }

    public static void gated(@Nullable SendTimer timer) {
        if (timer != null) {
            timer.gated = System.nanoTime();
        }
    }

    public static void sent(@Nullable SendTimer timer) {
        if (timer != null) {
            timer.sent = System.nanoTime();
        }
    }

    public static void acked(@Nullable SendTimer timer) {
        if (timer != null) {
            timer.acked = System.nanoTime();
        }
    }

    /** Commits the event: called where the acknowledgement runs (the request's event loop). */
    public static void finished(@Nullable SendTimer timer) {
        if (timer == null || timer.acked == 0) {
            return;
        }
        long now = System.nanoTime();
        SendStagesEvent event = new SendStagesEvent();
        event.checks = timer.gateCalled - timer.started;
        event.gate = timer.gated - timer.gateCalled;
        event.producerQueue = timer.sent - timer.gated;
        event.brokerAck = timer.acked - timer.sent;
        event.ackHop = now - timer.acked;
        event.commit();
    }
}

package io.switchboard.bench.core;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Drives an {@link Operation} open loop (at a fixed rate, each start at its scheduled time, latencies measured from
 * that time) or closed loop (N workers back to back, to find the maximum). A warm-up precedes the measured window;
 * the statistics are reset when it ends. After the window, requests still under way get {@code drain} to finish, so
 * that slow answers are counted in the percentiles instead of being cut off.
 */
public final class LoadDriver {

    /** One unit of load. Must record its own outcome in its Stats and call {@code done} when finished. */
    public interface Operation {
        void start(long intendedNanos, Runnable done);
    }

    private final Duration warmup;
    private final Duration duration;
    private final Duration drain;
    private final Progress progress;

    public LoadDriver(Duration warmup, Duration duration, Duration drain, Progress progress) {
        this.warmup = warmup;
        this.duration = duration;
        this.drain = drain;
        this.progress = progress;
    }

    /** Open loop at {@code rate} a second; returns the summaries of {@code stats}, measured over the window. */
    public List<Summary> openLoop(double rate, Operation operation, List<Stats> stats, Supplier<String> extra) {
        double seconds = (warmup.toMillis() + duration.toMillis()) / 1000.0;
        long start = System.nanoTime();
        RateSchedule schedule = RateSchedule.forDuration(start, rate, seconds);
        AtomicLong inFlight = new AtomicLong();
        long warmupEnd = start + warmup.toNanos();
        boolean warm = warmup.isZero();
        progress.start(stats, () -> "in-flight=" + inFlight.get() + (extra == null ? "" : " " + extra.get()));
        long issued = 0;
        while (issued < schedule.total()) {
            long now = System.nanoTime();
            if (!warm && now >= warmupEnd) {
                stats.forEach(Stats::reset);
                warm = true;
            }
            long due = schedule.dueBy(now);
            for (; issued < due; issued++) {
                inFlight.incrementAndGet();
                operation.start(schedule.intendedNanos(issued), inFlight::decrementAndGet);
            }
            if (issued < schedule.total()) {
                long wait = schedule.intendedNanos(issued) - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(Math.min(wait, 1_000_000));
                }
            }
        }
        awaitDrained(inFlight);
        progress.stop();
        return stats.stream().map(s -> s.summary(duration.toMillis() / 1000.0)).toList();
    }

    /** Closed loop: {@code workers} chains, each starting its next operation when the previous one finished. */
    public List<Summary> closedLoop(int workers, Operation operation, List<Stats> stats, Supplier<String> extra) {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong inFlight = new AtomicLong();
        progress.start(stats, () -> "in-flight=" + inFlight.get() + (extra == null ? "" : " " + extra.get()));
        for (int i = 0; i < workers; i++) {
            chain(operation, running, inFlight);
        }
        sleep(warmup);
        stats.forEach(Stats::reset);
        sleep(duration);
        running.set(false);
        awaitDrained(inFlight);
        progress.stop();
        return stats.stream().map(s -> s.summary(duration.toMillis() / 1000.0)).toList();
    }

    private static void chain(Operation operation, AtomicBoolean running, AtomicLong inFlight) {
        if (!running.get()) {
            return;
        }
        inFlight.incrementAndGet();
        operation.start(System.nanoTime(), () -> {
            inFlight.decrementAndGet();
            chain(operation, running, inFlight);
        });
    }

    private void awaitDrained(AtomicLong inFlight) {
        long deadline = System.nanoTime() + drain.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(5_000_000);
        }
    }

    public static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}

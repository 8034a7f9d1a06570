package io.switchboard.bench.core;

/**
 * The intended start times of an open-loop run: request {@code i} is due at {@code start + i / rate}, whatever
 * happened to the requests before it. Latency is then measured from this intended time, not from when the request
 * could actually be sent, which is the correction for coordinated omission: a server that stalls for a second is
 * charged the full wait of every request that should have started during that second.
 */
public final class RateSchedule {

    private final long startNanos;
    private final double ratePerSecond;
    private final long total;

    /**
     * @param startNanos {@link System#nanoTime()} of request 0
     * @param ratePerSecond requests a second, above zero
     * @param total how many requests in all
     */
    public RateSchedule(long startNanos, double ratePerSecond, long total) {
        if (ratePerSecond <= 0) {
            throw new IllegalArgumentException("rate must be above zero: " + ratePerSecond);
        }
        this.startNanos = startNanos;
        this.ratePerSecond = ratePerSecond;
        this.total = total;
    }

    /** For a run of {@code seconds} at {@code ratePerSecond}. */
    public static RateSchedule forDuration(long startNanos, double ratePerSecond, double seconds) {
        return new RateSchedule(startNanos, ratePerSecond, Math.round(ratePerSecond * seconds));
    }

    /** The intended start of request {@code index}. */
    public long intendedNanos(long index) {
        return startNanos + Math.round(index * 1e9 / ratePerSecond);
    }

    /** How many requests are due by {@code nowNanos} (those with an intended start at or before it), at most total. */
    public long dueBy(long nowNanos) {
        if (nowNanos < startNanos) {
            return 0;
        }
        long due = (long) Math.floor((nowNanos - startNanos) * ratePerSecond / 1e9) + 1;
        // Rounding of intendedNanos can put the last due request a nanosecond later: trust intendedNanos.
        while (due > 0 && intendedNanos(due - 1) > nowNanos) {
            due--;
        }
        while (due < total && intendedNanos(due) <= nowNanos) {
            due++;
        }
        return Math.min(due, total);
    }

    public long total() {
        return total;
    }

    public double ratePerSecond() {
        return ratePerSecond;
    }
}

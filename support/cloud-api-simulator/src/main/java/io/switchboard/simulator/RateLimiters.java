package io.switchboard.simulator;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Meta's two send limits as token buckets: one per business number (capacity and refill {@code throughput.mps},
 * refused with 130429) and one per (number, recipient) pair (capacity {@code pair_rate.burst}, one token back per
 * {@code pair_rate.interval_ms}: a burst borrows future quota, refused with 131056). A refused send consumes
 * nothing: a 131056 gives the number's token back. A bucket that has refilled completely is indistinguishable
 * from a new one, so such idle buckets are dropped whenever a map outgrows its pruning threshold; memory then
 * follows the number of pairs active in the last few minutes, not of pairs ever seen.
 */
@Singleton
public class RateLimiters {

    /** What the limits say about one send. */
    public enum Verdict { ALLOWED, THROUGHPUT, PAIR_RATE }

    private static final int PRUNE_FLOOR = 10_000;

    private final LongSupplier nanoClock;
    private final Limits numbers = new Limits();
    private final Limits pairs = new Limits();

    @Inject
    public RateLimiters() {
        this(System::nanoTime);
    }

    RateLimiters(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    public Verdict acquire(FaultPlan plan, String phoneNumberId, String waId) {
        long now = nanoClock.getAsLong();
        Bucket number = null;
        FaultPlan.Throughput throughput = plan.throughput();
        if (throughput.enabled()) {
            double rate = throughput.rateOf(phoneNumberId);
            number = numbers.bucket(phoneNumberId, now);
            if (!number.tryTake(now, rate, rate)) {
                return Verdict.THROUGHPUT;
            }
        }
        FaultPlan.PairRate pair = plan.pairRate();
        if (pair.enabled()) {
            Bucket bucket = pairs.bucket(phoneNumberId + '|' + waId, now);
            if (!bucket.tryTake(now, pair.burst(), 1000.0 / pair.intervalMs())) {
                if (number != null) {
                    number.giveBack();
                }
                return Verdict.PAIR_RATE;
            }
        }
        return Verdict.ALLOWED;
    }

    /** Forgets every bucket: all are full again. */
    public void clear() {
        numbers.map.clear();
        pairs.map.clear();
    }

    int trackedPairs() {
        return pairs.map.size();
    }

    private static final class Limits {
        private final Map<String, Bucket> map = new ConcurrentHashMap<>();
        private volatile int pruneAbove = PRUNE_FLOOR;

        Bucket bucket(String key, long now) {
            Bucket bucket = map.get(key);
            if (bucket != null) {
                return bucket;
            }
            if (map.size() > pruneAbove) {
                map.values().removeIf(idle -> idle.isFull(now));
                // Doubling keeps pruning amortised when most buckets are busy.
                pruneAbove = Math.max(PRUNE_FLOOR, map.size() * 2);
            }
            return map.computeIfAbsent(key, k -> new Bucket(now));
        }
    }

    /** A token bucket that starts full; times in nanoseconds. */
    private static final class Bucket {
        private double tokens = Double.NaN;
        private long updatedAt;
        private long fullAt;

        Bucket(long now) {
            this.updatedAt = now;
            this.fullAt = now;
        }

        synchronized boolean tryTake(long now, double capacity, double perSecond) {
            double elapsedSeconds = Math.max(0, now - updatedAt) / 1e9;
            tokens = Double.isNaN(tokens) ? capacity : Math.min(capacity, tokens + elapsedSeconds * perSecond);
            updatedAt = now;
            boolean taken = tokens >= 1;
            if (taken) {
                tokens -= 1;
            }
            fullAt = now + (long) ((capacity - tokens) / perSecond * 1e9);
            return taken;
        }

        synchronized void giveBack() {
            tokens += 1;
        }

        synchronized boolean isFull(long now) {
            return now - fullAt >= 0;
        }
    }
}

package io.switchboard.ingress.ratelimit;

import io.switchboard.schemas.avro.ApiKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Which counters a request of an API key must pass, and what the script's answer means for the client.
 *
 * <p>Windows are fixed and aligned to the clock (the per-minute window is the calendar minute, UTC, of the ingress's
 * clock): the counter key carries the window's number ({@code rl:{keyId}:minute:<epochMinute>}), so a new window is a
 * new key and nothing has to be reset. The TTL only cleans up: the rest of the window plus a grace for clock skew
 * between instances. The {@code {keyId}} hash tag keeps all counters of one key in one Redis Cluster slot, as one
 * script call requires.
 */
public final class KeyRateLimits {

    static final Duration MINUTE = Duration.ofMinutes(1);
    static final long GRACE_MILLIS = 1_000;

    private KeyRateLimits() {
    }

    /** The limits a request of {@code key} at {@code now} is checked against; the first is the per-minute window. */
    public static List<PlannedLimit> plan(ApiKey key, Instant now) {
        long windowMillis = MINUTE.toMillis();
        long window = Math.floorDiv(now.toEpochMilli(), windowMillis);
        Instant resetAt = Instant.ofEpochMilli((window + 1) * windowMillis);
        long ttl = resetAt.toEpochMilli() - now.toEpochMilli() + GRACE_MILLIS;
        String redisKey = "rl:{" + key.getKeyId() + "}:minute:" + window;
        return List.of(new PlannedLimit(LimitKind.PER_MINUTE,
                new CounterSpec(redisKey, Math.max(0, key.getRateLimitPerMinute()), ttl), resetAt));
    }

    /** Reads the script's answer for {@code plan} into what the client is told. */
    public static RateLimitDecision decide(List<PlannedLimit> plan, CounterResults results, Instant now) {
        PlannedLimit perMinute = plan.get(0);
        long minuteCount = results.counts().get(0);
        RateWindow window = new RateWindow(perMinute.counter().limit(),
                Math.max(0, perMinute.counter().limit() - minuteCount), perMinute.resetAt());
        if (results.allowed()) {
            return new RateLimitDecision(window, null, 0);
        }
        PlannedLimit refusing = plan.get(results.refusedIndex());
        long untilReset = refusing.resetAt().toEpochMilli() - now.toEpochMilli();
        long retryAfter = Math.max(1, (untilReset + 999) / 1000);
        return new RateLimitDecision(window, refusing, retryAfter);
    }

    /**
     * One limit applied to a request.
     *
     * @param kind which limit
     * @param counter its Redis counter
     * @param resetAt when its window ends
     */
    public record PlannedLimit(LimitKind kind, CounterSpec counter, Instant resetAt) {
    }
}

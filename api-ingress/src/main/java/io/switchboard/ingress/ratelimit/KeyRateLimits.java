package io.switchboard.ingress.ratelimit;

import io.switchboard.schemas.avro.ApiKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Which counters a send of an API key must pass, and what the script's answer means for the client.
 *
 * <p>Three limits, checked together: the key's requests per minute ({@code ApiKey.rateLimitPerMinute}), its requests
 * per UTC day ({@code ApiKey.dailyLimit}), and messages per minute from this key to one recipient (scope: API key +
 * recipient, so two keys of one account each get their own budget per recipient; configured by
 * {@code switchboard.ingress.per-recipient-limit}). Windows are fixed and aligned to the clock (the calendar minute /
 * day, UTC, of the ingress's clock): the counter key carries the window's number
 * ({@code rl:{keyId}:minute:<epochMinute>}, {@code rl:{keyId}:day:<epochDay>},
 * {@code rl:{keyId}:rcpt:<recipient>:<epochMinute>}), so a new window is a new key and nothing has to be reset. The
 * TTL only cleans up: the rest of the window plus a grace for clock skew between instances. The {@code {keyId}} hash
 * tag keeps all counters of one key in one Redis Cluster slot, as one script call requires.
 */
public final class KeyRateLimits {

    static final Duration MINUTE = Duration.ofMinutes(1);
    static final Duration DAY = Duration.ofDays(1);
    static final long GRACE_MILLIS = 1_000;

    private KeyRateLimits() {
    }

    /** The Redis key of a key's counter for the UTC day of {@code now} (what the daily limit counts). */
    public static String dailyCounterKey(String keyId, Instant now) {
        return "rl:{" + keyId + "}:day:" + Math.floorDiv(now.toEpochMilli(), DAY.toMillis());
    }

    /** The per-minute limit only (kept for callers that have no recipient). */
    public static List<PlannedLimit> plan(ApiKey key, Instant now) {
        return List.of(window(LimitKind.PER_MINUTE, "rl:{" + key.getKeyId() + "}:minute:", MINUTE,
                key.getRateLimitPerMinute(), now));
    }

    /** The limits a send of {@code key} to {@code recipient} at {@code now} must pass; the first is per minute. */
    public static List<PlannedLimit> plan(ApiKey key, String recipient, int perRecipientLimit, Instant now) {
        String prefix = "rl:{" + key.getKeyId() + "}:";
        return List.of(
                window(LimitKind.PER_MINUTE, prefix + "minute:", MINUTE, key.getRateLimitPerMinute(), now),
                window(LimitKind.PER_DAY, prefix + "day:", DAY, key.getDailyLimit(), now), // = dailyCounterKey
                window(LimitKind.PER_RECIPIENT, prefix + "rcpt:" + recipient + ":", MINUTE, perRecipientLimit, now));
    }

    private static PlannedLimit window(LimitKind kind, String keyPrefix, Duration length, long limit, Instant now) {
        long windowMillis = length.toMillis();
        long window = Math.floorDiv(now.toEpochMilli(), windowMillis);
        Instant resetAt = Instant.ofEpochMilli((window + 1) * windowMillis);
        long ttl = resetAt.toEpochMilli() - now.toEpochMilli() + GRACE_MILLIS;
        return new PlannedLimit(kind, new CounterSpec(keyPrefix + window, Math.max(0, limit), ttl), resetAt);
    }

    /** Reads the script's answer for {@code plan} into what the client is told. */
    public static RateLimitDecision decide(List<PlannedLimit> plan, CounterResults results, Instant now) {
        PlannedLimit perMinute = plan.get(0);
        long minuteCount = results.counts().get(0);
        RateWindow window = new RateWindow(perMinute.counter().limit(),
                Math.max(0, perMinute.counter().limit() - minuteCount), perMinute.resetAt());
        if (results.allowed()) {
            return new RateLimitDecision(window, null, 0, null);
        }
        int index = results.refusedIndex();
        PlannedLimit refusing = plan.get(index);
        long untilReset = refusing.resetAt().toEpochMilli() - now.toEpochMilli();
        long retryAfter = Math.max(1, (untilReset + 999) / 1000);
        long limit = refusing.counter().limit();
        RateWindow refusingWindow = new RateWindow(limit, Math.max(0, limit - results.counts().get(index)),
                refusing.resetAt());
        return new RateLimitDecision(window, refusing, retryAfter, refusingWindow);
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

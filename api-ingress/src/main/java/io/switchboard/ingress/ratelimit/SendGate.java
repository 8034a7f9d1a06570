package io.switchboard.ingress.ratelimit;

import io.micronaut.core.annotation.Nullable;
import java.util.List;

/**
 * What one send asks of Redis in its single round trip: the counters to pass, optionally a customer-service window
 * key that must exist, optionally an idempotency claim, and whether to count at all (a simulated send only peeks).
 *
 * @param counters the rate-limit counters, in the order their results are reported
 * @param windowKey Redis key that must exist for the send to pass (free-form messages); null when not checked
 * @param idempotency the claim to make or match; null without an Idempotency-Key
 * @param count true to increment the counters when allowed; false to only check them (simulate mode)
 * @param onPass a record written when the send passes and is counted (the accepted message, for status queries
 *               that come before the projector has seen it); null for none
 */
public record SendGate(List<CounterSpec> counters, @Nullable String windowKey, @Nullable IdempotencyClaim idempotency,
                       boolean count, @Nullable PassRecord onPass) {

    public SendGate(List<CounterSpec> counters, @Nullable String windowKey, @Nullable IdempotencyClaim idempotency,
                    boolean count) {
        this(counters, windowKey, idempotency, count, null);
    }

    /** Only counters, counted: the plain rate limiter. */
    public static SendGate counters(List<CounterSpec> counters) {
        return new SendGate(counters, null, null, true);
    }

    /**
     * An idempotency key to claim.
     *
     * @param redisKey where the claim and later the answer are kept
     * @param bodyHash hash of the request it belongs to; another body under the same key is refused
     * @param inFlightTtlMillis how long the in-flight marker lives if the request never finishes
     */
    public record IdempotencyClaim(String redisKey, String bodyHash, long inFlightTtlMillis) {
    }

    /**
     * A key set when the send passes, in the same round trip.
     *
     * @param redisKey the key
     * @param value its value
     * @param ttlMillis its lifetime
     */
    public record PassRecord(String redisKey, String value, long ttlMillis) {
    }
}

package io.switchboard.ingress.ratelimit;

import io.micronaut.core.annotation.Nullable;

/**
 * The outcome of a rate-limit check.
 *
 * @param perMinute the key's per-minute window after this request (reported on every answer)
 * @param refusedBy the limit that refused the request; null when it was allowed (and counted)
 * @param retryAfterSeconds when refused: seconds until the refusing window resets (at least 1)
 */
public record RateLimitDecision(RateWindow perMinute, @Nullable KeyRateLimits.PlannedLimit refusedBy,
                                long retryAfterSeconds) {

    public boolean allowed() {
        return refusedBy == null;
    }
}

package io.switchboard.ingress.ratelimit;

import io.micronaut.core.annotation.Nullable;

/**
 * The outcome of a rate-limit check.
 *
 * @param perMinute the key's per-minute window after this request (reported on every answer but a 429)
 * @param refusedBy the limit that refused the request; null when it was allowed (and counted)
 * @param retryAfterSeconds when refused: seconds until the refusing window resets (at least 1)
 * @param refusingWindow when refused: the refusing limit's window (its limit, what is left of it, its reset), which
 *                       a 429 reports instead of the per-minute one; null when allowed
 */
public record RateLimitDecision(RateWindow perMinute, @Nullable KeyRateLimits.PlannedLimit refusedBy,
                                long retryAfterSeconds, @Nullable RateWindow refusingWindow) {

    public boolean allowed() {
        return refusedBy == null;
    }

    /** The window a 429 reports: the limit that was hit (the day, the recipient), not the per-minute one. */
    public RateWindow refusal() {
        return refusingWindow != null ? refusingWindow : perMinute;
    }
}

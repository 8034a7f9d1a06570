package io.switchboard.ingress.ratelimit;

import java.time.Instant;

/**
 * The state of one rate-limit window after a request, as reported to the client ({@code meta.rate_limit} and the
 * {@code RateLimit-*} headers).
 *
 * @param limit requests allowed in the window
 * @param remaining requests still allowed in the window
 * @param resetAt when the window ends
 */
public record RateWindow(long limit, long remaining, Instant resetAt) {
}

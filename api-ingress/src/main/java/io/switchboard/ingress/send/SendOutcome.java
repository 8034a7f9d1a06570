package io.switchboard.ingress.send;

import io.micronaut.core.annotation.Nullable;
import io.switchboard.ingress.http.ApiError;
import io.switchboard.ingress.ratelimit.RateWindow;

/**
 * What became of a send request: queued (message id, recipient, reference) or refused (error), with the per-minute
 * window whenever the rate limit was consulted.
 *
 * @param messageId id of the queued message; null when refused
 * @param to recipient of the queued message
 * @param reference client's reference of the queued message
 * @param error why the request was refused; null when queued
 * @param window the key's per-minute window, when known
 */
public record SendOutcome(@Nullable String messageId, @Nullable String to, @Nullable String reference,
                          @Nullable ApiError error, @Nullable RateWindow window) {

    public static SendOutcome queued(String messageId, String to, @Nullable String reference, RateWindow window) {
        return new SendOutcome(messageId, to, reference, null, window);
    }

    public static SendOutcome refused(ApiError error, @Nullable RateWindow window) {
        return new SendOutcome(null, null, null, error, window);
    }

    public boolean isQueued() {
        return error == null;
    }
}

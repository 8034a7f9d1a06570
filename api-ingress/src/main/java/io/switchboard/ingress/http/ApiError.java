package io.switchboard.ingress.http;

import io.micronaut.core.annotation.Nullable;

/**
 * One refusal of a request: its code, a message a developer can act on, and for rate limits which limit refused and
 * when to retry. Messages name the offending field but never echo secrets.
 *
 * @param code the public error code (decides the HTTP status)
 * @param message human-readable explanation
 * @param retryAfterSeconds for RATE_LIMIT_EXCEEDED: seconds until the refusing window resets
 * @param limit for RATE_LIMIT_EXCEEDED: which limit refused, e.g. "per_minute"
 */
public record ApiError(ErrorCode code, String message, @Nullable Long retryAfterSeconds, @Nullable String limit) {

    public static final String INVALID_API_KEY_MESSAGE = "Missing or invalid API key. Send it in the X-API-Key header.";

    public static ApiError of(ErrorCode code, String message) {
        return new ApiError(code, message, null, null);
    }

    public static ApiError validation(String message) {
        return of(ErrorCode.VALIDATION_ERROR, message);
    }

    public static ApiError invalidApiKey() {
        return of(ErrorCode.INVALID_API_KEY, INVALID_API_KEY_MESSAGE);
    }
}

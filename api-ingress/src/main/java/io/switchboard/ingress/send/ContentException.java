package io.switchboard.ingress.send;

import io.switchboard.ingress.http.ApiError;
import io.switchboard.ingress.http.ErrorCode;
import java.util.concurrent.CompletionException;

/**
 * A send that passed the gate but could not be completed (media upload refused, Kafka did not acknowledge): carries
 * the client's error through the future chain. Anything else reaching the end of the chain is a bug, answered 500.
 */
public final class ContentException extends RuntimeException {

    private final transient ApiError error;

    public ContentException(ApiError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    public ApiError error() {
        return error;
    }

    /** The client's error for a failed future. */
    static ApiError errorOf(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof ContentException content) {
            return content.error();
        }
        if (cause instanceof InvalidRequestException invalid) {
            return invalid.error();
        }
        return ApiError.of(ErrorCode.INTERNAL_ERROR, "An unexpected error occurred");
    }
}

package io.switchboard.ingress.send;

import io.switchboard.ingress.http.ApiError;

/** Thrown while reading a request body to stop at the first problem; always caught and answered as its error. */
public final class InvalidRequestException extends RuntimeException {

    private final transient ApiError error;

    public InvalidRequestException(ApiError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    public ApiError error() {
        return error;
    }
}

package io.switchboard.infrastructure.http;

/**
 * One refused request: the error (which decides the status) and a message that tells the client what to change.
 * Messages name the rule that was broken; they never echo more than a short, sanitised piece of what was sent.
 */
public record FramingRejection(FramingError error, String message) {

    public int status() {
        return error.status();
    }

    static FramingRejection malformed(String message) {
        return new FramingRejection(FramingError.MALFORMED_REQUEST, message);
    }
}

package io.switchboard.webhook;

/** A signed webhook body that is not a JSON object: answered 400, since no retry of the same body can succeed. */
public final class MalformedWebhookException extends Exception {

    public MalformedWebhookException(String message) {
        super(message);
    }

    public MalformedWebhookException(String message, Throwable cause) {
        super(message, cause);
    }
}

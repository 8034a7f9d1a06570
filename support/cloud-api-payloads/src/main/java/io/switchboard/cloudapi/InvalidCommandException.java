package io.switchboard.cloudapi;

/**
 * A send command that cannot be turned into a Cloud API request (its content does not match its kind, a required
 * field is missing). Retrying cannot fix it, so the message fails at once with reason {@code INVALID_COMMAND}.
 */
public final class InvalidCommandException extends RuntimeException {

    public InvalidCommandException(String message) {
        super(message);
    }
}

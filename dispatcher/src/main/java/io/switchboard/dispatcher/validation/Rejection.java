package io.switchboard.dispatcher.validation;

/**
 * One reason a record is never sent: a stable {@link RejectionCode} and a sentence naming the field, e.g.
 * {@code INVALID_TEXT: text.body must be at most 4096 characters}. Reasons never contain a full phone number.
 *
 * @param code what kind of problem
 * @param reason the problem in words, for the producer's engineers
 */
public record Rejection(RejectionCode code, String reason) {

    /** Thrown inside the rules to stop at the first problem; carries the rejection out. */
    static final class Found extends RuntimeException {

        private final transient Rejection rejection;

        Found(RejectionCode code, String reason) {
            super(reason, null, false, false);
            this.rejection = new Rejection(code, reason);
        }

        Rejection rejection() {
            return rejection;
        }
    }

    static Found of(RejectionCode code, String reason) {
        return new Found(code, reason);
    }

    @Override
    public String toString() {
        return code + ": " + reason;
    }
}

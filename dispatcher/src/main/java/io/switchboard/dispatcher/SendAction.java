package io.switchboard.dispatcher;

/**
 * What the dispatcher does about one Cloud API outcome. The names are also written into
 * {@code AttemptRecord.outcome} (THROTTLE is recorded as THROTTLED, as the schema documents).
 */
public enum SendAction {
    /** Accepted: publish SENT with the wamid. */
    SENT,
    /** Transient: nothing was accepted, try again after a backoff. */
    RETRY,
    /** Rate limited: try again after a longer backoff (130429 also slows the number's pace, 131056 waits for the pair). */
    THROTTLE,
    /** WhatsApp refused this message for good: publish FAILED with its code and text. */
    PERMANENT,
    /** The number or account cannot send (token, permission, policy, payment): fail now, pause the number later. */
    HALT,
    /** No answer after the request was written: WhatsApp may have accepted it. */
    AMBIGUOUS;

    /** Whether another attempt may follow. */
    public boolean retryable() {
        return this == RETRY || this == THROTTLE || this == AMBIGUOUS;
    }

    /** The value written to {@code AttemptRecord.outcome}. */
    public String recorded() {
        return this == THROTTLE ? "THROTTLED" : name();
    }
}

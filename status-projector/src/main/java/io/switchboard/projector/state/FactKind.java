package io.switchboard.projector.state;

import io.switchboard.schemas.avro.MessageState;

/**
 * What one fact about a message says. Every kind except {@link #ATTEMPT} names the status the fact claims; an attempt
 * only counts the dispatcher's tries and never moves the status.
 */
public enum FactKind {
    QUEUED(MessageState.QUEUED),
    ATTEMPT(null),
    SENT(MessageState.SENT),
    DELIVERED(MessageState.DELIVERED),
    READ(MessageState.READ),
    FAILED(MessageState.FAILED),
    EXPIRED(MessageState.EXPIRED);

    private final MessageState state;

    FactKind(MessageState state) {
        this.state = state;
    }

    /** The status this fact claims, or null for {@link #ATTEMPT}. */
    public MessageState state() {
        return state;
    }

    /** The fact kind that claims {@code state}. */
    public static FactKind of(MessageState state) {
        return switch (state) {
            case QUEUED -> QUEUED;
            case SENT -> SENT;
            case DELIVERED -> DELIVERED;
            case READ -> READ;
            case FAILED -> FAILED;
            case EXPIRED -> EXPIRED;
        };
    }
}

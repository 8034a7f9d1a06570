package io.switchboard.dispatcher;

/**
 * A delivery stopped before finishing because its partition was revoked or the dispatcher is shutting down. Nothing
 * is published for it: the record's offset stays uncommitted and the partition's next owner processes it again.
 */
public final class DeliveryAbandonedException extends RuntimeException {

    public DeliveryAbandonedException(String messageId) {
        super("delivery of " + messageId + " abandoned: partition no longer owned", null, false, false);
    }
}

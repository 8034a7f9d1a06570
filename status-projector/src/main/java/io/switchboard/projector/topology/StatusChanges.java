package io.switchboard.projector.topology;

import io.switchboard.schemas.avro.MessageState;

/**
 * Told of every status a message reaches, as the applier writes it into the timeline (its acceptance as
 * {@code queued}, even when it arrives after later facts), for the projector's throughput metric.
 */
@FunctionalInterface
public interface StatusChanges {

    void movedTo(MessageState status);

    /** Tells no one. */
    static StatusChanges none() {
        return status -> {
        };
    }
}

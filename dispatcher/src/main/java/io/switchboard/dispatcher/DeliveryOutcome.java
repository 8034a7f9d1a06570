package io.switchboard.dispatcher;

import io.switchboard.schemas.avro.AttemptRecord;
import io.switchboard.schemas.avro.ParkReason;
import java.time.Instant;
import java.util.List;

/** How one delivery of a message ended: finished (its outcome is in Kafka) or to be parked outside the window. */
public sealed interface DeliveryOutcome {

    DeliveryOutcome FINISHED = new Finished();

    /** Sent, failed, expired, in doubt or dead-lettered: the events are in Kafka, the record may be committed. */
    record Finished() implements DeliveryOutcome {
    }

    /**
     * Nothing final happened: the message waits outside the in-flight window until {@code notBefore}, carrying its
     * latest attempts ({@code attemptsMade} in all, {@code ambiguousAttempts} of them unanswered).
     */
    record Park(ParkReason reason, Instant notBefore, List<AttemptRecord> attempts, int attemptsMade,
            int ambiguousAttempts) implements DeliveryOutcome {
    }
}

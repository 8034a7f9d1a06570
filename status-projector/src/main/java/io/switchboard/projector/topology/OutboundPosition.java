package io.switchboard.projector.topology;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A message's place in the outbound listing: newest acceptance first, and among messages accepted in the same
 * millisecond by message id (its UTF-8 bytes, ascending). The order of the {@link OutboundKeys outbound index}.
 *
 * @param acceptedAtMillis when the message was accepted, epoch milliseconds
 * @param messageId the message id
 */
public record OutboundPosition(long acceptedAtMillis, String messageId) implements Comparable<OutboundPosition> {

    public OutboundPosition {
        Objects.requireNonNull(messageId, "messageId");
    }

    @Override
    public int compareTo(OutboundPosition other) {
        int byTime = Long.compare(other.acceptedAtMillis, acceptedAtMillis);
        return byTime != 0 ? byTime : Arrays.compareUnsigned(messageId.getBytes(StandardCharsets.UTF_8),
                other.messageId.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether this position comes before {@code other} in the listing. */
    public boolean isBefore(OutboundPosition other) {
        return compareTo(other) < 0;
    }
}

package io.switchboard.projector.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;
import io.switchboard.projector.topology.OutboundPosition;
import java.time.Instant;
import java.util.List;

/** The JSON bodies of the outbound search and the batch lookup (the internal contract the ingress reads). */
final class OutboundBodies {

    private OutboundBodies() {
    }

    /** A place in the listing: the message's acceptance time in epoch milliseconds and its id. */
    @Serdeable
    record Position(@JsonProperty("accepted_at_ms") long acceptedAtMs, @JsonProperty("message_id") String messageId) {

        static Position of(OutboundPosition position) {
            return position == null ? null : new Position(position.acceptedAtMillis(), position.messageId());
        }

        OutboundPosition toPosition() {
            return new OutboundPosition(acceptedAtMs, messageId);
        }
    }

    /** One page of a search: the messages, newest first, and where the next page starts (null on the last). */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Page(@JsonProperty("messages") List<MessageStatusView> messages, @JsonProperty("next") Position next) {
    }

    /** What one partition found, and how far it looked (null: to the end of the range). */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record PartitionPage(@JsonProperty("partition") int partition,
                         @JsonProperty("messages") List<MessageStatusView> messages,
                         @JsonProperty("frontier") Position frontier) {
    }

    /** The answer of an instance asked for some of its partitions. */
    @Serdeable
    record PartitionPages(@JsonProperty("partitions") List<PartitionPage> partitions) {
    }

    /** A batch lookup: which ids, at most {@link MessageBatchQuery#MAX_IDS}. */
    @Serdeable
    record BatchRequest(@JsonProperty("message_ids") List<String> messageIds) {
    }

    /** A batch lookup's answer: the messages found, the ids not found, the ids whose owner could not answer. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record BatchAnswer(@JsonProperty("messages") List<MessageStatusView> messages,
                       @JsonProperty("not_found") List<String> notFound,
                       @JsonProperty("unavailable") List<String> unavailable) {
    }

    /** A 400's body. */
    @Serdeable
    record Invalid(@JsonProperty("code") String code, @JsonProperty("message") String message) {

        static Invalid of(String message) {
            return new Invalid("INVALID_QUERY", message);
        }
    }

    /** The listing position of a message as its view shows it. */
    static OutboundPosition positionOf(MessageStatusView view) {
        return new OutboundPosition(Instant.parse(view.acceptedAt()).toEpochMilli(), view.messageId());
    }
}

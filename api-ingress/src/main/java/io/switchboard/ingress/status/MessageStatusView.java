package io.switchboard.ingress.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.switchboard.schemas.MessageError;
import java.util.List;

/**
 * The public view of a message the caller sent: {@code data} of {@code GET /api/v1/external/messages/{message_id}},
 * each item of the outbound listing and of the batch lookup. Every field is always present (null when unknown),
 * times are ISO-8601 UTC with milliseconds. {@code error} has the one shape of {@link MessageError}, as in the
 * {@code message.status} webhooks.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record MessageStatusView(
        @JsonProperty("message_id") String messageId,
        @JsonProperty("direction") String direction,
        @JsonProperty("status") String status,
        @JsonProperty("to") @Nullable String to,
        @JsonProperty("reference") @Nullable String reference,
        @JsonProperty("type") @Nullable String type,
        @JsonProperty("wamid") @Nullable String wamid,
        @JsonProperty("created_at") @Nullable String createdAt,
        @JsonProperty("updated_at") @Nullable String updatedAt,
        @JsonProperty("error") @Nullable MessageError error,
        @JsonProperty("timeline") List<TimelineEntry> timeline) {

    public static final String OUTBOUND = "outbound";

    /**
     * One status change: {@code timestamp} is when Switchboard learnt of it (the timeline is in its order),
     * {@code whatsapp_timestamp} WhatsApp's own (whole-second) timestamp of the statuses WhatsApp reported.
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record TimelineEntry(@JsonProperty("status") String status,
                                @JsonProperty("timestamp") @Nullable String timestamp,
                                @JsonProperty("whatsapp_timestamp") @Nullable String whatsappTimestamp,
                                @JsonProperty("error") @Nullable MessageError error) {
    }
}

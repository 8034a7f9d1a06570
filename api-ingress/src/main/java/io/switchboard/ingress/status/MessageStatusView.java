package io.switchboard.ingress.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * {@code data} of {@code GET /api/v1/external/messages/{message_id}}: the public view of a message's status.
 * Every field is always present (null when unknown), times are ISO-8601 UTC with milliseconds.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record MessageStatusView(
        @JsonProperty("message_id") String messageId,
        String status,
        @Nullable String to,
        @Nullable String reference,
        @Nullable String type,
        @Nullable String wamid,
        @JsonProperty("created_at") @Nullable String createdAt,
        @JsonProperty("updated_at") @Nullable String updatedAt,
        @Nullable ErrorView error,
        List<TimelineEntry> timeline) {

    /** Why a message failed, as WhatsApp reported it. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ErrorView(@Nullable String code, @Nullable String title, @Nullable String message) {
    }

    /** One status change. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record TimelineEntry(String status, @Nullable String timestamp) {
    }
}

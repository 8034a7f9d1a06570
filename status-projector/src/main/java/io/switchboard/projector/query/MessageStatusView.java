package io.switchboard.projector.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The HTTP shape of a message's status (the interactive-query contract the ingress reads): snake_case names, status
 * and kind in lower case, times as ISO-8601 strings in UTC, absent values written as null rather than left out.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record MessageStatusView(
        @JsonProperty("message_id") String messageId,
        @JsonProperty("status") String status,
        @JsonProperty("account_id") String accountId,
        @JsonProperty("phone_number_id") String phoneNumberId,
        @JsonProperty("recipient") String recipient,
        @JsonProperty("kind") String kind,
        @JsonProperty("reference") String reference,
        @JsonProperty("api_key_id") String apiKeyId,
        @JsonProperty("wamid") String wamid,
        @JsonProperty("accepted_at") String acceptedAt,
        @JsonProperty("updated_at") String updatedAt,
        @JsonProperty("attempts") int attempts,
        @JsonProperty("error") ErrorView error,
        @JsonProperty("timeline") List<TransitionView> timeline) {

    /** WhatsApp's (or our) error: Meta's numeric code when there is one, its title, details and our reason. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ErrorView(
            @JsonProperty("code") Integer code,
            @JsonProperty("title") String title,
            @JsonProperty("detail") String detail,
            @JsonProperty("reason") String reason) {
    }

    /**
     * One status change: to which status, when Switchboard learnt it, reported by whom, the error for failures, and
     * WhatsApp's own timestamp for WhatsApp's statuses.
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record TransitionView(
            @JsonProperty("status") String status,
            @JsonProperty("at") String at,
            @JsonProperty("source") String source,
            @JsonProperty("error") ErrorView error,
            @JsonProperty("whatsapp_at") String whatsappAt) {
    }

    /** The body of a 404 or 503: {@code {"code":"MESSAGE_NOT_FOUND"}} or {@code {"code":"STORE_NOT_READY"}}. */
    @Serdeable
    public record ErrorBody(@JsonProperty("code") String code) {

        public static final ErrorBody NOT_FOUND = new ErrorBody("MESSAGE_NOT_FOUND");
        public static final ErrorBody NOT_READY = new ErrorBody("STORE_NOT_READY");
    }
}

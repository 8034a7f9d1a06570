package io.switchboard.webhook;

import static io.switchboard.webhook.JsonFields.array;
import static io.switchboard.webhook.JsonFields.bool;
import static io.switchboard.webhook.JsonFields.integer;
import static io.switchboard.webhook.JsonFields.object;
import static io.switchboard.webhook.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.schemas.avro.ErrorInfo;
import io.switchboard.schemas.avro.StatusUpdate;
import io.switchboard.schemas.avro.WhatsAppStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Maps one {@code value.statuses[]} entry to a {@link StatusUpdate}.
 *
 * <p>Rules: a status needs its wamid ({@code id}); without one it cannot be keyed or matched to a message, so it is
 * skipped (the body is still archived). The status word is kept verbatim in {@code rawStatus}; words we do not know
 * become {@code UNKNOWN} rather than an error, so a new status from Meta is delivered, not lost. An error's
 * {@code detail} is {@code error_data.details}, else its {@code message}; a missing title reads as its message.
 */
final class StatusUpdateMapper {

    private static final String UNTITLED_ERROR = "Unknown error";

    private StatusUpdateMapper() {
    }

    static Optional<StatusUpdate> map(JsonNode status, ChangeContext change) {
        String wamid = text(status, "id");
        if (wamid == null || wamid.isBlank()) {
            return Optional.empty();
        }
        String rawStatus = text(status, "status");
        JsonNode pricing = object(status, "pricing");
        return Optional.of(StatusUpdate.newBuilder()
                .setWamid(wamid)
                .setStatus(statusOf(rawStatus))
                .setRawStatus(rawStatus == null ? "" : rawStatus)
                .setOccurredAt(WhatsAppTimestamps.parse(text(status, "timestamp"), change.receivedAt()))
                .setReceivedAt(change.receivedAt())
                .setPhoneNumberId(change.phoneNumberId())
                .setWabaId(change.wabaId())
                .setRecipientId(orEmpty(text(status, "recipient_id")))
                .setBizOpaqueCallbackData(text(status, "biz_opaque_callback_data"))
                .setErrors(errorsOf(status))
                .setConversationId(text(object(status, "conversation"), "id"))
                .setPricingCategory(text(pricing, "category"))
                .setBillable(bool(pricing, "billable"))
                .build());
    }

    /** sent, delivered, read, failed, played and deleted by name, case-insensitively; anything else UNKNOWN. */
    static WhatsAppStatus statusOf(String rawStatus) {
        if (rawStatus == null) {
            return WhatsAppStatus.UNKNOWN;
        }
        return switch (rawStatus.trim().toLowerCase(Locale.ROOT)) {
            case "sent" -> WhatsAppStatus.SENT;
            case "delivered" -> WhatsAppStatus.DELIVERED;
            case "read" -> WhatsAppStatus.READ;
            case "failed" -> WhatsAppStatus.FAILED;
            case "played" -> WhatsAppStatus.PLAYED;
            case "deleted" -> WhatsAppStatus.DELETED;
            default -> WhatsAppStatus.UNKNOWN;
        };
    }

    /** {@code errors[]} of a status or a message, in Meta's order. */
    static List<ErrorInfo> errorsOf(JsonNode node) {
        List<ErrorInfo> errors = new ArrayList<>();
        for (JsonNode error : array(node, "errors")) {
            String message = text(error, "message");
            String details = text(object(error, "error_data"), "details");
            String title = text(error, "title");
            errors.add(ErrorInfo.newBuilder()
                    .setCode(integer(error, "code"))
                    .setTitle(title != null ? title : message != null ? message : UNTITLED_ERROR)
                    .setDetail(details != null ? details : message)
                    .setReason(null)
                    .build());
        }
        return errors;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}

package io.switchboard.schemas;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.switchboard.schemas.avro.ErrorInfo;

/**
 * Why a message failed or expired, as clients see it: the one shape of the {@code error} object in the status API
 * ({@code GET /messages/{id}}, listings, batch lookups, timeline entries) and in {@code message.status} webhooks.
 * Every field is always written, null when unknown.
 *
 * @param code WhatsApp's numeric error code (e.g. 131026); null for Switchboard's own failures (expiry, an invalid
 *             command, a disabled account)
 * @param title the short title (WhatsApp's, or ours)
 * @param message what happened in words a person can act on: WhatsApp's error details when it gave them, else the
 *                title
 * @param reason Switchboard's stable reason code ({@code PERMANENT}, {@code RETRIES_EXHAUSTED}, {@code EXPIRED},
 *               ...): what to switch on when {@code code} is null; null when none was recorded
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"code", "title", "message", "reason"})
public record MessageError(Integer code, String title, String message, String reason) {

    /** The public error of a recorded one; null for null. */
    public static MessageError of(ErrorInfo error) {
        return error == null ? null : of(error.getCode(), error.getTitle(), error.getDetail(), error.getReason());
    }

    /** From the parts of an {@link ErrorInfo}: {@code detail} is the message when present, else the title. */
    public static MessageError of(Integer code, String title, String detail, String reason) {
        String message = detail != null && !detail.isBlank() ? detail : title;
        return new MessageError(code, title, message, reason);
    }
}

package io.switchboard.projector.query;

import io.switchboard.schemas.avro.ErrorInfo;
import io.switchboard.schemas.avro.MessageStatus;
import io.switchboard.schemas.avro.StatusTransition;
import java.time.Instant;
import java.util.Locale;

/** Maps the projected Avro {@link MessageStatus} to its HTTP view; Avro classes never reach the HTTP API. */
public final class MessageStatusViews {

    private MessageStatusViews() {
    }

    public static MessageStatusView of(MessageStatus status) {
        return new MessageStatusView(
                status.getMessageId(),
                lower(status.getStatus()),
                status.getAccountId(),
                status.getPhoneNumberId(),
                status.getRecipient(),
                lower(status.getKind()),
                status.getReference(),
                status.getApiKeyId(),
                status.getWamid(),
                iso(status.getAcceptedAt()),
                iso(status.getUpdatedAt()),
                status.getAttempts(),
                error(status.getError()),
                status.getTimeline().stream().map(MessageStatusViews::transition).toList());
    }

    private static MessageStatusView.TransitionView transition(StatusTransition t) {
        return new MessageStatusView.TransitionView(lower(t.getStatus()), iso(t.getAt()), t.getSource(),
                error(t.getError()), iso(t.getWhatsappAt()));
    }

    private static MessageStatusView.ErrorView error(ErrorInfo e) {
        return e == null ? null : new MessageStatusView.ErrorView(e.getCode(), e.getTitle(), e.getDetail(),
                e.getReason());
    }

    private static String lower(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }

    /** {@link Instant#toString()} is ISO-8601 in UTC ({@code 2025-06-01T10:00:00.123Z}). */
    private static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}

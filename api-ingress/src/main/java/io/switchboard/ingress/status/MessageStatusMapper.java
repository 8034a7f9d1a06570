package io.switchboard.ingress.status;

import io.micronaut.core.annotation.Nullable;
import io.switchboard.ingress.support.Timestamps;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * Maps the projector's view of a message (or the ingress's own record of a message just accepted) to the public one,
 * and decides who may see it: only keys of the account that sent the message. A message of another account is
 * reported exactly like an unknown one, so ids cannot be probed across accounts.
 */
public final class MessageStatusMapper {

    private MessageStatusMapper() {
    }

    /** True when a key of {@code accountId} may see this message. */
    public static boolean isVisibleTo(ProjectedStatus status, String accountId) {
        return status.accountId() != null && status.accountId().equals(accountId);
    }

    public static MessageStatusView toView(ProjectedStatus status) {
        return new MessageStatusView(status.messageId(), MessageStatusView.OUTBOUND,
                status.status().toLowerCase(Locale.ROOT), status.recipient(), status.reference(),
                publicType(status.kind()), status.wamid(), iso(status.acceptedAt()), iso(status.updatedAt()),
                status.error(),
                status.timeline().stream()
                        .map(t -> new MessageStatusView.TimelineEntry(t.status().toLowerCase(Locale.ROOT), iso(t.at()),
                                iso(t.whatsappAt()), t.error()))
                        .toList());
    }

    /** A message the ingress accepted and the projector has not applied yet: queued since its acceptance. */
    public static MessageStatusView queued(AcceptedMessages.Accepted accepted) {
        String at = Timestamps.iso(accepted.acceptedAt());
        return new MessageStatusView(accepted.messageId(), MessageStatusView.OUTBOUND, "queued", accepted.to(),
                accepted.reference(), accepted.type(), null, at, at, null,
                List.of(new MessageStatusView.TimelineEntry("queued", at, null, null)));
    }

    /** The API's message type: text, template, image, video, audio, document or interactive. */
    @Nullable
    static String publicType(@Nullable String kind) {
        if (kind == null) {
            return null;
        }
        String lower = kind.toLowerCase(Locale.ROOT);
        return lower.startsWith("interactive") ? "interactive" : lower;
    }

    /** Normalises a time to ISO-8601 UTC with milliseconds; an unparseable value is passed through unchanged. */
    @Nullable
    static String iso(@Nullable String time) {
        if (time == null) {
            return null;
        }
        try {
            return Timestamps.iso(Instant.parse(time));
        } catch (DateTimeParseException e) {
            return time;
        }
    }
}

package io.switchboard.projector.topology;

import io.switchboard.projector.state.FactKind;
import io.switchboard.projector.state.FactSource;
import io.switchboard.projector.state.StatusFact;
import io.switchboard.schemas.avro.ErrorInfo;
import io.switchboard.schemas.avro.MessageEvent;
import io.switchboard.schemas.avro.SendCommand;
import io.switchboard.schemas.avro.StatusUpdate;
import java.util.Optional;

/**
 * Turns each input record into the {@link StatusFact} it stands for. A send command is the message's acceptance
 * (queued, with all its metadata, at {@code acceptedAt}); a dispatcher event is queued, attempt, sent (with the
 * wamid), failed or expired at the dispatcher's time; a WhatsApp status is sent, delivered, read or failed at the
 * time webhook-ingest received it, with WhatsApp's own timestamp beside it (whole seconds, another clock: mixing the
 * two put a {@code delivered} before the {@code sent} of the same second). WhatsApp's {@code played}, {@code deleted}
 * and unknown statuses say nothing about delivery and are not facts.
 */
public final class FactMapper {

    private FactMapper() {
    }

    /** The acceptance of a message: the only fact that knows the account, kind, reference and API key. */
    public static StatusFact fromSendCommand(SendCommand command) {
        StatusFact.Metadata metadata = new StatusFact.Metadata(command.getAccountId(), command.getPhoneNumberId(),
                command.getRecipient(), command.getKind(), command.getReference(), command.getApiKeyId(),
                command.getAcceptedAt());
        return StatusFact.of(command.getMessageId(), FactKind.QUEUED, command.getAcceptedAt(), FactSource.API)
                .withMetadata(metadata);
    }

    /** What the dispatcher did; every event type is a fact. */
    public static Optional<StatusFact> fromMessageEvent(MessageEvent event) {
        if (event == null || event.getType() == null) {
            return Optional.empty();
        }
        FactKind kind = switch (event.getType()) {
            case QUEUED -> FactKind.QUEUED;
            case ATTEMPT -> FactKind.ATTEMPT;
            case SENT -> FactKind.SENT;
            case FAILED -> FactKind.FAILED;
            case EXPIRED -> FactKind.EXPIRED;
        };
        StatusFact.Metadata metadata = new StatusFact.Metadata(null, event.getPhoneNumberId(), event.getRecipient(),
                null, null, null, null);
        return Optional.of(StatusFact.of(event.getMessageId(), kind, event.getOccurredAt(), FactSource.DISPATCHER)
                .withWamid(event.getWamid())
                .withAttempt(event.getAttempt())
                .withError(event.getError())
                .withMetadata(metadata));
    }

    /** Whether a WhatsApp status can move a message: sent, delivered, read and failed can; the others cannot. */
    public static boolean isStatusFact(StatusUpdate update) {
        return update != null && update.getStatus() != null && switch (update.getStatus()) {
            case SENT, DELIVERED, READ, FAILED -> true;
            case PLAYED, DELETED, UNKNOWN -> false;
        };
    }

    /** The fact a WhatsApp status stands for, once its message id is known; empty for played/deleted/unknown. */
    public static Optional<StatusFact> fromStatusUpdate(StatusUpdate update, String messageId) {
        if (!isStatusFact(update)) {
            return Optional.empty();
        }
        FactKind kind = switch (update.getStatus()) {
            case SENT -> FactKind.SENT;
            case DELIVERED -> FactKind.DELIVERED;
            case READ -> FactKind.READ;
            default -> FactKind.FAILED;
        };
        // WhatsApp's recipient_id is a wa_id (digits, possibly rewritten), not the E.164 number we sent to: not kept.
        StatusFact.Metadata metadata = new StatusFact.Metadata(null, update.getPhoneNumberId(), null, null, null,
                null, null);
        ErrorInfo error = update.getErrors() == null || update.getErrors().isEmpty() ? null : update.getErrors().get(0);
        return Optional.of(StatusFact.of(messageId, kind, update.getReceivedAt(), FactSource.WHATSAPP)
                .withWhatsappAt(update.getOccurredAt())
                .withWamid(update.getWamid())
                .withError(kind == FactKind.FAILED ? error : null)
                .withMetadata(metadata));
    }
}

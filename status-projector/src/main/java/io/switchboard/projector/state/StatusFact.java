package io.switchboard.projector.state;

import io.switchboard.schemas.avro.ErrorInfo;
import io.switchboard.schemas.avro.MessageKind;
import java.time.Instant;
import java.util.Objects;

/**
 * One thing learnt about a message, whatever its origin (send command, dispatcher event, WhatsApp status), already
 * resolved to our message id. The state machine only ever sees facts.
 *
 * @param messageId our message id
 * @param kind what the fact says
 * @param at when Switchboard learnt it, on its own clock: acceptance time, the dispatcher's event time, or the time
 *           webhook-ingest received WhatsApp's status
 * @param source {@link FactSource#API}, {@link FactSource#DISPATCHER} or {@link FactSource#WHATSAPP}
 * @param wamid WhatsApp's message id when the fact carries it, else null
 * @param attempt the dispatcher's attempt number (0 when unknown)
 * @param error why the message failed or expired, else null
 * @param metadata what the fact tells about the message itself; {@link Metadata#NONE} when nothing
 * @param whatsappAt WhatsApp's own timestamp of a status it reported (whole seconds), else null
 */
public record StatusFact(String messageId, FactKind kind, Instant at, String source, String wamid, int attempt,
                         ErrorInfo error, Metadata metadata, Instant whatsappAt) {

    public StatusFact {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(source, "source");
        metadata = metadata == null ? Metadata.NONE : metadata;
    }

    /** A fact without WhatsApp's own timestamp. */
    public StatusFact(String messageId, FactKind kind, Instant at, String source, String wamid, int attempt,
                      ErrorInfo error, Metadata metadata) {
        this(messageId, kind, at, source, wamid, attempt, error, metadata, null);
    }

    /** A fact with no wamid, attempt, error or metadata. */
    public static StatusFact of(String messageId, FactKind kind, Instant at, String source) {
        return new StatusFact(messageId, kind, at, source, null, 0, null, Metadata.NONE);
    }

    public StatusFact withWamid(String newWamid) {
        return new StatusFact(messageId, kind, at, source, newWamid, attempt, error, metadata, whatsappAt);
    }

    public StatusFact withError(ErrorInfo newError) {
        return new StatusFact(messageId, kind, at, source, wamid, attempt, newError, metadata, whatsappAt);
    }

    public StatusFact withAttempt(int newAttempt) {
        return new StatusFact(messageId, kind, at, source, wamid, newAttempt, error, metadata, whatsappAt);
    }

    public StatusFact withWhatsappAt(Instant newWhatsappAt) {
        return new StatusFact(messageId, kind, at, source, wamid, attempt, error, metadata, newWhatsappAt);
    }

    public StatusFact withMetadata(Metadata newMetadata) {
        return new StatusFact(messageId, kind, at, source, wamid, attempt, error, newMetadata, whatsappAt);
    }

    /**
     * What a fact says about the message itself. Any field may be null: a dispatcher event knows only the number and
     * recipient, a WhatsApp status only the number; the send command knows everything.
     */
    public record Metadata(String accountId, String phoneNumberId, String recipient, MessageKind kind,
                           String reference, String apiKeyId, Instant acceptedAt) {

        public static final Metadata NONE = new Metadata(null, null, null, null, null, null, null);
    }
}

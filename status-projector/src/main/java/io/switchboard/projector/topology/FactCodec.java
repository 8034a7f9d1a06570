package io.switchboard.projector.topology;

import io.switchboard.projector.state.FactKind;
import io.switchboard.projector.state.FactSource;
import io.switchboard.projector.state.StatusFact;
import io.switchboard.schemas.avro.MessageState;
import io.switchboard.schemas.avro.MessageStatus;
import io.switchboard.schemas.avro.StatusTransition;
import java.util.ArrayList;
import java.util.List;

/**
 * Carries a {@link StatusFact} over the projector's internal {@code facts-by-message} repartition topic as a
 * {@link MessageStatus} "delta", so the topic reuses a registered schema instead of adding one: the fact's metadata,
 * wamid, attempt and error go into the fields of the same name, and the fact itself is the single timeline entry
 * (status, time, source, error). An attempt, which claims no status, is the one envelope with an empty timeline; its
 * time is {@code updatedAt}. Records of this shape only ever appear on internal topics, never on message-status.
 *
 * <p>Facts now travel in the projector's own encoding ({@link FactSerde}); this envelope is what earlier projectors
 * wrote, still decoded so that records they left on the repartition topic are applied after an upgrade.
 */
public final class FactCodec {

    private FactCodec() {
    }

    public static MessageStatus encode(StatusFact fact) {
        List<StatusTransition> timeline = new ArrayList<>(1);
        MessageState claimed = fact.kind().state();
        if (claimed != null) {
            timeline.add(StatusTransition.newBuilder().setStatus(claimed).setAt(fact.at()).setSource(fact.source())
                    .setError(fact.error()).setWhatsappAt(fact.whatsappAt()).build());
        }
        StatusFact.Metadata m = fact.metadata();
        return MessageStatus.newBuilder()
                .setMessageId(fact.messageId())
                .setStatus(claimed == null ? MessageState.QUEUED : claimed)
                .setAccountId(m.accountId())
                .setPhoneNumberId(m.phoneNumberId())
                .setRecipient(m.recipient())
                .setKind(m.kind())
                .setReference(m.reference())
                .setApiKeyId(m.apiKeyId())
                .setAcceptedAt(m.acceptedAt())
                .setWamid(fact.wamid())
                .setUpdatedAt(fact.at())
                .setAttempts(fact.attempt())
                .setError(fact.error())
                .setTimeline(timeline)
                .build();
    }

    public static StatusFact decode(MessageStatus envelope) {
        StatusFact.Metadata metadata = new StatusFact.Metadata(envelope.getAccountId(), envelope.getPhoneNumberId(),
                envelope.getRecipient(), envelope.getKind(), envelope.getReference(), envelope.getApiKeyId(),
                envelope.getAcceptedAt());
        if (envelope.getTimeline().isEmpty()) {
            return new StatusFact(envelope.getMessageId(), FactKind.ATTEMPT, envelope.getUpdatedAt(),
                    FactSource.DISPATCHER, envelope.getWamid(), envelope.getAttempts(), envelope.getError(), metadata);
        }
        StatusTransition claim = envelope.getTimeline().get(0);
        return new StatusFact(envelope.getMessageId(), FactKind.of(claim.getStatus()), claim.getAt(),
                claim.getSource(), envelope.getWamid(), envelope.getAttempts(), claim.getError(), metadata,
                claim.getWhatsappAt());
    }
}

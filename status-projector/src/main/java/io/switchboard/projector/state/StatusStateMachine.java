package io.switchboard.projector.state;

import io.switchboard.schemas.avro.ErrorInfo;
import io.switchboard.schemas.avro.MessageState;
import io.switchboard.schemas.avro.MessageStatus;
import io.switchboard.schemas.avro.StatusTransition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The status rules of a message: applies one {@link StatusFact} to the projected {@link MessageStatus}.
 *
 * <ul>
 *   <li>{@code queued < sent < delivered < read}: the status only moves forward; a fact that is not ahead of the
 *       current status (a late {@code delivered} after {@code read}, a repeated {@code sent}) changes nothing and is
 *       not written to the timeline.</li>
 *   <li>{@code failed} and {@code expired} are reachable from {@code queued} and {@code sent} only, and are terminal,
 *       except that a later {@code delivered} or {@code read} reported by WhatsApp wins (the message did reach a
 *       device). A failure after {@code delivered} or {@code read} changes nothing: the customer already has it.</li>
 *   <li>A fact may arrive before the message's queued fact: it applies to a placeholder record, and the queued fact
 *       fills the metadata in later and puts the acceptance first in the timeline; the status never goes back.</li>
 *   <li>Metadata, the wamid and the attempt count are filled in from any fact that knows them; known values are
 *       never overwritten, so duplicates and replays change nothing.</li>
 *   <li>Every status change is appended to the timeline with the fact's time (Switchboard's clock), source, WhatsApp's
 *       own timestamp for WhatsApp's statuses, and (for failures) error. An entry's time is never before the
 *       previous entry's: a status that overtook another (WhatsApp's webhook arriving before the dispatcher's own
 *       result) or a skewed clock takes the previous entry's time, so the timeline reads in order. It is capped at
 *       {@link #TIMELINE_LIMIT} entries, keeping the acceptance and the newest ones.</li>
 *   <li>{@code updatedAt} is the latest event time of the facts that changed the record.</li>
 * </ul>
 */
public final class StatusStateMachine {

    /** Far above what the rules can produce (at most queued, sent, failed, delivered, read), to keep records small. */
    public static final int TIMELINE_LIMIT = 50;

    /**
     * The message's status after {@code fact}, or empty when the fact changes nothing.
     *
     * @param current the projected status so far, or null when nothing is known about the message yet
     */
    public Optional<MessageStatus> apply(MessageStatus current, StatusFact fact) {
        MessageStatus next = current == null ? placeholder(fact) : copyOf(current);
        fillMetadata(next, fact.metadata());
        if (next.getWamid() == null && fact.wamid() != null) {
            next.setWamid(fact.wamid());
        }
        if (fact.attempt() > next.getAttempts()) {
            next.setAttempts(fact.attempt());
        }
        if (fact.kind() == FactKind.QUEUED) {
            recordAcceptance(next, fact);
        } else if (fact.kind() != FactKind.ATTEMPT && accepts(next.getStatus(), fact.kind(), fact.source())) {
            moveTo(next, fact);
        }
        if (current != null && next.equals(current)) {
            return Optional.empty();
        }
        if (fact.at().isAfter(next.getUpdatedAt())) {
            next.setUpdatedAt(fact.at());
        }
        return Optional.of(next);
    }

    /** Whether a message in status {@code current} moves on a fact of {@code kind} reported by {@code source}. */
    public static boolean accepts(MessageState current, FactKind kind, String source) {
        MessageState incoming = kind.state();
        if (incoming == null || incoming == MessageState.QUEUED) {
            return false;
        }
        if (isTerminal(current)) {
            return (incoming == MessageState.DELIVERED || incoming == MessageState.READ)
                    && FactSource.WHATSAPP.equals(source);
        }
        if (isTerminal(incoming)) {
            return current == MessageState.QUEUED || current == MessageState.SENT;
        }
        return rank(incoming) > rank(current);
    }

    /** Failed and expired end a message's life unless WhatsApp later reports it delivered or read. */
    public static boolean isTerminal(MessageState state) {
        return state == MessageState.FAILED || state == MessageState.EXPIRED;
    }

    /** Position in {@code queued < sent < delivered < read}; terminal states have no rank. */
    static int rank(MessageState state) {
        return switch (state) {
            case QUEUED -> 0;
            case SENT -> 1;
            case DELIVERED -> 2;
            case READ -> 3;
            case FAILED, EXPIRED -> throw new IllegalArgumentException(state + " has no rank");
        };
    }

    /** What we know before the first status fact: the message exists and was, at the least, queued. */
    private static MessageStatus placeholder(StatusFact fact) {
        return MessageStatus.newBuilder()
                .setMessageId(fact.messageId())
                .setStatus(MessageState.QUEUED)
                .setUpdatedAt(fact.at())
                .setTimeline(new ArrayList<>())
                .build();
    }

    /**
     * A copy to modify. Field by field rather than Avro's deep copy, which resolves enum classes reflectively (and so
     * trips Avro's class allow-list); transitions and errors are never modified, so they are shared.
     */
    private static MessageStatus copyOf(MessageStatus c) {
        return MessageStatus.newBuilder()
                .setMessageId(c.getMessageId())
                .setStatus(c.getStatus())
                .setAccountId(c.getAccountId())
                .setPhoneNumberId(c.getPhoneNumberId())
                .setRecipient(c.getRecipient())
                .setKind(c.getKind())
                .setReference(c.getReference())
                .setApiKeyId(c.getApiKeyId())
                .setWamid(c.getWamid())
                .setAcceptedAt(c.getAcceptedAt())
                .setUpdatedAt(c.getUpdatedAt())
                .setAttempts(c.getAttempts())
                .setError(c.getError())
                .setTimeline(new ArrayList<>(c.getTimeline()))
                .build();
    }

    private static void fillMetadata(MessageStatus next, StatusFact.Metadata m) {
        if (next.getAccountId() == null) {
            next.setAccountId(m.accountId());
        }
        if (next.getPhoneNumberId() == null) {
            next.setPhoneNumberId(m.phoneNumberId());
        }
        if (next.getRecipient() == null) {
            next.setRecipient(m.recipient());
        }
        if (next.getKind() == null) {
            next.setKind(m.kind());
        }
        if (next.getReference() == null) {
            next.setReference(m.reference());
        }
        if (next.getApiKeyId() == null) {
            next.setApiKeyId(m.apiKeyId());
        }
        if (next.getAcceptedAt() == null) {
            next.setAcceptedAt(m.acceptedAt());
        }
    }

    /** Acceptance precedes everything else, so a late queued fact goes to the front, once. */
    private static void recordAcceptance(MessageStatus next, StatusFact fact) {
        boolean known = next.getTimeline().stream().anyMatch(t -> t.getStatus() == MessageState.QUEUED);
        if (!known) {
            List<StatusTransition> timeline = new ArrayList<>(next.getTimeline());
            timeline.add(0, transition(MessageState.QUEUED, fact.at(), fact.source(), null, null));
            next.setTimeline(capped(timeline));
        }
    }

    private static void moveTo(MessageStatus next, StatusFact fact) {
        MessageState state = fact.kind().state();
        ErrorInfo error = isTerminal(state) ? fact.error() : null;
        next.setStatus(state);
        // The top-level error describes the current status; a revived message keeps its failure in the timeline.
        next.setError(error);
        List<StatusTransition> timeline = new ArrayList<>(next.getTimeline());
        Instant at = fact.at();
        if (!timeline.isEmpty() && timeline.get(timeline.size() - 1).getAt().isAfter(at)) {
            at = timeline.get(timeline.size() - 1).getAt();
        }
        timeline.add(transition(state, at, fact.source(), error, fact.whatsappAt()));
        next.setTimeline(capped(timeline));
    }

    private static StatusTransition transition(MessageState state, Instant at, String source, ErrorInfo error,
                                               Instant whatsappAt) {
        return StatusTransition.newBuilder().setStatus(state).setAt(at).setSource(source).setError(error)
                .setWhatsappAt(whatsappAt).build();
    }

    private static List<StatusTransition> capped(List<StatusTransition> timeline) {
        if (timeline.size() <= TIMELINE_LIMIT) {
            return timeline;
        }
        List<StatusTransition> kept = new ArrayList<>(TIMELINE_LIMIT);
        kept.add(timeline.get(0));
        kept.addAll(timeline.subList(timeline.size() - TIMELINE_LIMIT + 1, timeline.size()));
        return kept;
    }
}

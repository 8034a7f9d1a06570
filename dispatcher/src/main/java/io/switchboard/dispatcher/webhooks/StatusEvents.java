package io.switchboard.dispatcher.webhooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.schemas.MessageError;
import io.switchboard.schemas.avro.ErrorInfo;
import io.switchboard.schemas.avro.MessageState;
import io.switchboard.schemas.avro.MessageStatus;
import io.switchboard.schemas.avro.StatusTransition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns the projector's {@code message-status} records into {@code message.status} events: one per status
 * transition (sent, delivered, read, failed, expired; {@code queued} is not an event), never one per record, since
 * the projector rewrites a message's record for changes that are no transition. Which transitions were announced is
 * remembered per message in a bounded LRU; a record whose message fell out of it (or was read again after a restart)
 * announces its transitions again with the same webhook ids, which receivers drop. {@code timestamp} is when
 * Switchboard learnt of the transition, {@code whatsapp_timestamp} WhatsApp's own (whole-second) timestamp of the
 * statuses it reported; {@code error} has the one shape of {@link MessageError}, exactly as the status API shows it.
 */
public final class StatusEvents {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<MessageState> ANNOUNCED = Set.of(MessageState.SENT, MessageState.DELIVERED,
            MessageState.READ, MessageState.FAILED, MessageState.EXPIRED);

    private final Map<String, Set<MessageState>> announced;

    public StatusEvents(int remembered) {
        this.announced = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Set<MessageState>> eldest) {
                return size() > remembered;
            }
        };
    }

    /** The new transitions' events in timeline order; empty for a duplicate record or one without an account. */
    public synchronized List<CustomerEvent> of(String key, MessageStatus status) {
        if (status.getAccountId() == null) {
            return List.of();
        }
        Set<MessageState> done = announced.computeIfAbsent(status.getMessageId(), id -> java.util.EnumSet.noneOf(
                MessageState.class));
        List<CustomerEvent> events = new ArrayList<>();
        for (StatusTransition transition : status.getTimeline()) {
            MessageState state = transition.getStatus();
            if (ANNOUNCED.contains(state) && done.add(state)) {
                events.add(new CustomerEvent(CustomerEvent.STATUS, status.getMessageId() + ":" + state.name(), key,
                        status.getAccountId(), status.getApiKeyId(), payload(status, transition)));
            }
        }
        return events;
    }

    static String payload(MessageStatus status, StatusTransition transition) {
        ObjectNode root = JSON.createObjectNode();
        root.put("event", CustomerEvent.STATUS);
        root.put("timestamp", CustomerEvent.timestamp(transition.getAt()));
        ObjectNode data = root.putObject("data");
        data.put("message_id", status.getMessageId());
        data.put("status", transition.getStatus().name().toLowerCase(Locale.ROOT));
        data.put("reference", status.getReference());
        data.put("recipient", status.getRecipient());
        data.put("wamid", status.getWamid());
        data.put("whatsapp_timestamp", transition.getWhatsappAt() == null ? null
                : CustomerEvent.timestamp(transition.getWhatsappAt()));
        ErrorInfo error = transition.getError() != null ? transition.getError()
                : transition.getStatus() == MessageState.FAILED ? status.getError() : null;
        data.set("error", JSON.valueToTree(MessageError.of(error)));
        return root.toString();
    }
}

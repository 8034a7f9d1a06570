package io.switchboard.dispatcher.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.schemas.avro.InboundMessage;
import java.util.List;

/**
 * Turns {@code inbound-messages} records into {@code message.received} events of the documented shape:
 * {@code {"event","timestamp","data":{"message_id","from","to","message":{...}}}}. {@code message} is WhatsApp's own
 * message object as received (the record's rawJson) without the fields already in {@code data} ({@code from},
 * {@code id}, {@code timestamp}) and without {@code context}, which becomes {@code data.context} ({@code wamid},
 * and our {@code message_id} when the projector knows it): so text,
 * media (with WhatsApp's media id), location, contacts, reactions, template buttons, button and list replies all
 * arrive exactly as WhatsApp describes them. {@code to} is the business number in E.164 with a leading +.
 */
public final class InboundEvents {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> LIFTED = List.of("from", "id", "timestamp", "context");

    private InboundEvents() {
    }

    /** The event, for the account owning the receiving number. */
    public static CustomerEvent of(String key, InboundMessage message, String accountId, String displayPhoneNumber) {
        return of(key, message, accountId, displayPhoneNumber, null);
    }

    /** With {@code contextMessageId}: our message id of the message replied to, when known. */
    public static CustomerEvent of(String key, InboundMessage message, String accountId, String displayPhoneNumber,
                                   String contextMessageId) {
        return new CustomerEvent(CustomerEvent.RECEIVED, message.getWamid(), key, accountId, null,
                payload(message, displayPhoneNumber, contextMessageId));
    }

    static String payload(InboundMessage message, String displayPhoneNumber, String contextMessageId) {
        ObjectNode root = JSON.createObjectNode();
        root.put("event", CustomerEvent.RECEIVED);
        root.put("timestamp", CustomerEvent.timestamp(message.getSentAt()));
        ObjectNode data = root.putObject("data");
        data.put("message_id", message.getWamid());
        data.put("from", message.getFrom());
        data.put("to", e164(message.getDisplayPhoneNumber() != null ? message.getDisplayPhoneNumber() : displayPhoneNumber));
        data.set("message", whatsAppMessage(message));
        if (message.getContextWamid() != null) {
            ObjectNode context = data.putObject("context");
            context.put("wamid", message.getContextWamid());
            if (contextMessageId != null) {
                context.put("message_id", contextMessageId);
            }
        }
        return root.toString();
    }

    private static ObjectNode whatsAppMessage(InboundMessage message) {
        ObjectNode raw;
        try {
            raw = (ObjectNode) JSON.readTree(message.getRawJson());
        } catch (JsonProcessingException | ClassCastException e) {
            raw = JSON.createObjectNode();
            raw.put("type", message.getType());
            if (message.getText() != null) {
                raw.putObject("text").put("body", message.getText());
            }
        }
        raw.remove(LIFTED);
        return raw;
    }

    private static String e164(String number) {
        if (number == null || number.isBlank()) {
            return null;
        }
        String digits = number.replaceAll("[^0-9]", "");
        return "+" + digits;
    }
}

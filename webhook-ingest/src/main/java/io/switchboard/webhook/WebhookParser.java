package io.switchboard.webhook;

import static io.switchboard.webhook.JsonFields.array;
import static io.switchboard.webhook.JsonFields.object;
import static io.switchboard.webhook.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.schemas.avro.InboundMessage;
import io.switchboard.schemas.avro.StatusUpdate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a verified webhook body (a JSON tree) into the records we publish: one {@link StatusUpdate} per
 * {@code statuses[]} entry and one {@link InboundMessage} per {@code messages[]} entry, across every
 * {@code entry[]} and every {@code changes[]} item.
 *
 * <p>Rules: only {@code object = whatsapp_business_account} and {@code field = messages} carry what we model.
 * Everything else (other objects, {@code message_template_status_update}, {@code account_update}, a change without
 * a business number, entries we cannot key) is acknowledged and noted in {@link ParsedWebhook#skipped()}, never an
 * error: Meta would redeliver a refused body for days, and the archived body keeps it for later. No Kafka here.
 */
public final class WebhookParser {

    public static final String WHATSAPP_OBJECT = "whatsapp_business_account";
    static final String MESSAGES_FIELD = "messages";

    /** Reads a body into a JSON object tree; see {@link WebhookJson#readObject}. */
    public JsonNode read(byte[] body) throws MalformedWebhookException {
        return WebhookJson.readObject(body);
    }

    /** The statuses and messages of {@code root}, stamped with {@code receivedAt}. */
    public ParsedWebhook parse(JsonNode root, Instant receivedAt) {
        String object = text(root, "object");
        if (!WHATSAPP_OBJECT.equals(object)) {
            return ParsedWebhook.nothing("object " + object);
        }
        List<StatusUpdate> statuses = new ArrayList<>();
        List<InboundMessage> messages = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (JsonNode entry : array(root, "entry")) {
            String wabaId = text(entry, "id");
            for (JsonNode change : array(entry, "changes")) {
                parseChange(wabaId, change, receivedAt, statuses, messages, skipped);
            }
        }
        return new ParsedWebhook(statuses, messages, skipped);
    }

    private static void parseChange(String wabaId, JsonNode change, Instant receivedAt, List<StatusUpdate> statuses,
            List<InboundMessage> messages, List<String> skipped) {
        String field = text(change, "field");
        if (!MESSAGES_FIELD.equals(field)) {
            skipped.add("field " + field);
            return;
        }
        JsonNode value = object(change, "value");
        JsonNode metadata = object(value, "metadata");
        String phoneNumberId = text(metadata, "phone_number_id");
        if (phoneNumberId == null || phoneNumberId.isBlank()) {
            skipped.add("messages change without metadata.phone_number_id");
            return;
        }
        ChangeContext context = new ChangeContext(wabaId, phoneNumberId, text(metadata, "display_phone_number"),
                profileNames(value), receivedAt);
        for (JsonNode status : array(value, "statuses")) {
            add(StatusUpdateMapper.map(status, context), statuses, skipped, "status without id");
        }
        for (JsonNode message : array(value, "messages")) {
            add(InboundMessageMapper.map(message, context), messages, skipped, "message without id or from");
        }
        if (value.has("errors")) {
            skipped.add("change-level errors[] (" + array(value, "errors").size() + ")");
        }
    }

    private static <T> void add(Optional<T> record, List<T> records, List<String> skipped, String note) {
        record.ifPresentOrElse(records::add, () -> skipped.add(note));
    }

    /** {@code contacts[].wa_id} to {@code contacts[].profile.name}, for the senders of this change. */
    private static Map<String, String> profileNames(JsonNode value) {
        Map<String, String> names = new LinkedHashMap<>();
        for (JsonNode contact : array(value, "contacts")) {
            String waId = text(contact, "wa_id");
            String name = text(object(contact, "profile"), "name");
            if (waId != null && name != null) {
                names.put(waId, name);
            }
        }
        return names;
    }
}

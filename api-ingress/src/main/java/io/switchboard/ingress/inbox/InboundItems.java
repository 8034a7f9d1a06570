package io.switchboard.ingress.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;
import io.switchboard.ingress.support.Timestamps;
import io.switchboard.schemas.avro.InboundMessage;
import io.switchboard.schemas.avro.InboundMedia;
import io.switchboard.schemas.avro.InboundReply;
import java.util.Set;

/**
 * The public shape of an inbound message: who sent it to which of our numbers, when, and its content under its
 * WhatsApp type in WhatsApp's own shape ({@code "text":{"body"}}, {@code "image":{"id","mime_type","sha256",
 * "caption"}}, {@code "location"}, {@code "contacts":[...]}, {@code "reaction"}, {@code "interactive"},
 * {@code "button"}, ...). The content is WhatsApp's own object from the message as received when the record kept it
 * ({@code rawJson}), so types not modelled field by field lose nothing; otherwise it is rebuilt from the modelled
 * fields. A reply carries {@code context: {wamid, message_id}}, the message id being ours when the wamid is one of
 * our messages (null otherwise).
 */
public final class InboundItems {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> MEDIA_TYPES = Set.of("image", "video", "audio", "document", "sticker");

    private InboundItems() {
    }

    /** The item for {@code message}; {@code contextMessageId} is our id of the message it replies to, if known. */
    public static ObjectNode of(InboundMessage message, @Nullable String contextMessageId) {
        ObjectNode item = JSON.createObjectNode();
        item.put("id", message.getWamid());
        item.put("direction", "inbound");
        item.put("from", message.getFrom());
        String display = message.getDisplayPhoneNumber();
        item.put("to", display == null || display.isBlank() ? null : display.startsWith("+") ? display : "+" + display);
        item.put("phone_number_id", message.getPhoneNumberId());
        item.put("profile_name", message.getProfileName());
        item.put("received_at", Timestamps.iso(message.getReceivedAt()));
        item.put("sent_at", Timestamps.iso(message.getSentAt()));
        String type = message.getType();
        item.put("type", type);
        JsonNode content = rawContent(message);
        item.set(type, content != null ? content : modelledContent(message));
        if (message.getContextWamid() != null) {
            ObjectNode context = item.putObject("context");
            context.put("wamid", message.getContextWamid());
            context.put("message_id", contextMessageId);
        } else {
            item.putNull("context");
        }
        return item;
    }

    /** The WhatsApp media id the message carries, if any (what the media download endpoint accepts). */
    @Nullable
    public static String mediaId(InboundMessage message) {
        InboundMedia media = message.getMedia();
        return media == null || media.getId() == null || media.getId().isBlank() ? null : media.getId();
    }

    @Nullable
    private static JsonNode rawContent(InboundMessage message) {
        try {
            JsonNode raw = JSON.readTree(message.getRawJson());
            JsonNode content = raw == null ? null : raw.get(message.getType());
            return content != null && (content.isObject() || content.isArray()) ? content : null;
        } catch (Exception e) {
            return null;
        }
    }

    private static JsonNode modelledContent(InboundMessage message) {
        ObjectNode content = JSON.createObjectNode();
        String type = message.getType();
        if ("text".equals(type)) {
            content.put("body", message.getText());
        } else if (MEDIA_TYPES.contains(type) && message.getMedia() != null) {
            InboundMedia media = message.getMedia();
            content.put("id", media.getId());
            content.put("mime_type", media.getMimeType());
            content.put("sha256", media.getSha256());
            putIfPresent(content, "caption", message.getText());
            putIfPresent(content, "filename", media.getFilename());
            if (media.getVoice()) {
                content.put("voice", true);
            }
        } else if (message.getLocation() != null) {
            content.put("latitude", message.getLocation().getLatitude());
            content.put("longitude", message.getLocation().getLongitude());
            putIfPresent(content, "name", message.getLocation().getName());
            putIfPresent(content, "address", message.getLocation().getAddress());
        } else if (message.getReaction() != null) {
            content.put("message_id", message.getReaction().getMessageId());
            putIfPresent(content, "emoji", message.getReaction().getEmoji());
        } else if (message.getReply() != null) {
            return reply(message.getReply());
        } else if (message.getText() != null) {
            content.put("body", message.getText());
        }
        return content;
    }

    private static JsonNode reply(InboundReply reply) {
        ObjectNode content = JSON.createObjectNode();
        if ("button".equals(reply.getKind())) {
            content.put("payload", reply.getPayload());
            content.put("text", reply.getTitle());
            return content;
        }
        content.put("type", reply.getKind());
        ObjectNode choice = content.putObject(reply.getKind());
        choice.put("id", reply.getId());
        choice.put("title", reply.getTitle());
        putIfPresent(choice, "description", reply.getDescription());
        return content;
    }

    private static void putIfPresent(ObjectNode node, String field, @Nullable String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}

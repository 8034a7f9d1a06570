package io.switchboard.webhook;

import static io.switchboard.webhook.JsonFields.bool;
import static io.switchboard.webhook.JsonFields.decimal;
import static io.switchboard.webhook.JsonFields.object;
import static io.switchboard.webhook.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.schemas.avro.InboundLocation;
import io.switchboard.schemas.avro.InboundMedia;
import io.switchboard.schemas.avro.InboundMessage;
import io.switchboard.schemas.avro.InboundReaction;
import io.switchboard.schemas.avro.InboundReply;
import java.util.Optional;
import java.util.Set;

/**
 * Maps one {@code value.messages[]} entry to an {@link InboundMessage}.
 *
 * <p>Rules: a message needs its wamid ({@code id}) and sender ({@code from}); without them it cannot be keyed, so it
 * is skipped (the body is still archived). The sender becomes E.164 with a leading {@code +}. Types we model fill
 * their fields (text, media, location, replies, reactions); every type, modelled or not ({@code contacts},
 * {@code unsupported}, {@code system}, {@code order}, ...), keeps the whole message object in {@code rawJson}, so
 * nothing Meta sent is lost. {@code text} is {@code text.body} or a media caption.
 */
final class InboundMessageMapper {

    private static final Set<String> MEDIA_TYPES = Set.of("image", "video", "audio", "document", "sticker");
    private static final String UNKNOWN_TYPE = "unknown";

    private InboundMessageMapper() {
    }

    static Optional<InboundMessage> map(JsonNode message, ChangeContext change) {
        String wamid = text(message, "id");
        String from = text(message, "from");
        if (wamid == null || wamid.isBlank() || from == null || from.isBlank()) {
            return Optional.empty();
        }
        String type = text(message, "type");
        type = type == null || type.isBlank() ? UNKNOWN_TYPE : type;
        JsonNode context = object(message, "context");
        InboundMedia media = MEDIA_TYPES.contains(type) ? mediaOf(object(message, type), type) : null;
        return Optional.of(InboundMessage.newBuilder()
                .setWamid(wamid)
                .setPhoneNumberId(change.phoneNumberId())
                .setDisplayPhoneNumber(change.displayPhoneNumber())
                .setWabaId(change.wabaId())
                .setFrom(e164(from))
                .setProfileName(change.profileNames().get(from))
                .setSentAt(WhatsAppTimestamps.parse(text(message, "timestamp"), change.receivedAt()))
                .setReceivedAt(change.receivedAt())
                .setType(type)
                .setText(textOf(message, type))
                .setMedia(media)
                .setLocation("location".equals(type) ? locationOf(object(message, "location")) : null)
                .setReply(replyOf(message, type))
                .setReaction("reaction".equals(type) ? reactionOf(object(message, "reaction")) : null)
                .setContextWamid(text(context, "id"))
                .setContextFrom(text(context, "from"))
                .setRawJson(WebhookJson.write(message))
                .build());
    }

    /** WhatsApp ids are digits without "+"; our records carry E.164. */
    static String e164(String waId) {
        String trimmed = waId.trim();
        return trimmed.startsWith("+") ? trimmed : "+" + trimmed;
    }

    private static String textOf(JsonNode message, String type) {
        if ("text".equals(type)) {
            return text(object(message, "text"), "body");
        }
        return MEDIA_TYPES.contains(type) ? text(object(message, type), "caption") : null;
    }

    private static InboundMedia mediaOf(JsonNode media, String type) {
        String id = text(media, "id");
        if (id == null) {
            return null;
        }
        Boolean voice = bool(media, "voice");
        return InboundMedia.newBuilder()
                .setId(id)
                .setMimeType(text(media, "mime_type"))
                .setSha256(text(media, "sha256"))
                .setFilename("document".equals(type) ? text(media, "filename") : null)
                .setVoice(Boolean.TRUE.equals(voice))
                .build();
    }

    private static InboundLocation locationOf(JsonNode location) {
        Double latitude = decimal(location, "latitude");
        Double longitude = decimal(location, "longitude");
        if (latitude == null || longitude == null) {
            return null;
        }
        return InboundLocation.newBuilder()
                .setLatitude(latitude)
                .setLongitude(longitude)
                .setName(text(location, "name"))
                .setAddress(text(location, "address"))
                .build();
    }

    /** interactive button_reply / list_reply, or a template quick-reply {@code button}; null for anything else. */
    private static InboundReply replyOf(JsonNode message, String type) {
        if ("button".equals(type)) {
            JsonNode button = object(message, "button");
            return reply("button", null, text(button, "text"), null, text(button, "payload"));
        }
        if (!"interactive".equals(type)) {
            return null;
        }
        JsonNode interactive = object(message, "interactive");
        String kind = text(interactive, "type");
        if (!"button_reply".equals(kind) && !"list_reply".equals(kind)) {
            return null; // nfm_reply (flows) and newer kinds stay in rawJson
        }
        JsonNode chosen = object(interactive, kind);
        return reply(kind, text(chosen, "id"), text(chosen, "title"), text(chosen, "description"), null);
    }

    private static InboundReply reply(String kind, String id, String title, String description, String payload) {
        return InboundReply.newBuilder()
                .setKind(kind)
                .setId(id)
                .setTitle(title)
                .setDescription(description)
                .setPayload(payload)
                .build();
    }

    private static InboundReaction reactionOf(JsonNode reaction) {
        String messageId = text(reaction, "message_id");
        if (messageId == null) {
            return null;
        }
        // An absent emoji means the customer removed their reaction.
        return InboundReaction.newBuilder().setMessageId(messageId).setEmoji(text(reaction, "emoji")).build();
    }
}

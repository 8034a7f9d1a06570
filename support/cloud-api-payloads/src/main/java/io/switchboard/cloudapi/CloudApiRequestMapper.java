package io.switchboard.cloudapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.schemas.avro.MediaContent;
import io.switchboard.schemas.avro.MediaType;
import io.switchboard.schemas.avro.MessageKind;
import io.switchboard.schemas.avro.SendCommand;
import io.switchboard.schemas.avro.TextContent;
import java.util.Locale;

/**
 * Turns a {@link SendCommand} into the Cloud API's {@code POST /messages} body. Every request carries
 * {@code messaging_product: "whatsapp"}, {@code recipient_type: "individual"}, {@code to}, and our message id in
 * {@code biz_opaque_callback_data} (so webhooks can be matched even if the HTTP answer is lost), plus
 * {@code context.message_id} when the command quotes an earlier wamid.
 *
 * <p>The content field that matches the kind decides the body; for media the media type decides the Cloud API type
 * (so a sticker, which has no kind of its own, travels as any media kind or UNKNOWN). A command whose content does not
 * fit is refused with {@link InvalidCommandException}. Template and interactive bodies are built by
 * {@link TemplatePayloads} and {@link InteractivePayloads}.
 */
public final class CloudApiRequestMapper {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ObjectMapper json = new ObjectMapper();
    private final TemplatePayloads templates = new TemplatePayloads();
    private final InteractivePayloads interactives = new InteractivePayloads();

    /** The request body as bytes, ready for the HTTP client. */
    public byte[] toBytes(SendCommand command) {
        try {
            return json.writeValueAsBytes(toJson(command));
        } catch (JsonProcessingException e) {
            throw new InvalidCommandException("cannot serialise the request: " + e.getOriginalMessage());
        }
    }

    /** The request body as a JSON tree. */
    public ObjectNode toJson(SendCommand command) {
        if (command.getRecipient() == null || command.getRecipient().isBlank()) {
            throw new InvalidCommandException("recipient is missing");
        }
        ObjectNode request = NODES.objectNode();
        request.put("messaging_product", "whatsapp");
        request.put("recipient_type", "individual");
        request.put("to", command.getRecipient());
        switch (effectiveKind(command)) {
            case TEXT -> putContent(request, "text", text(required(command.getText(), "text", command)));
            case TEMPLATE -> putContent(request, "template",
                    templates.template(required(command.getTemplate(), "template", command)));
            case IMAGE, VIDEO, AUDIO, DOCUMENT -> media(request, required(command.getMedia(), "media", command));
            case INTERACTIVE_LIST, INTERACTIVE_BUTTON, INTERACTIVE_CTA_URL -> putContent(request, "interactive",
                    interactives.interactive(required(command.getInteractive(), "interactive", command)));
            default -> throw new InvalidCommandException("no content to send for kind " + command.getKind());
        }
        if (command.getReplyToWamid() != null && !command.getReplyToWamid().isBlank()) {
            request.putObject("context").put("message_id", command.getReplyToWamid());
        }
        request.put("biz_opaque_callback_data", command.getMessageId());
        return request;
    }

    /** UNKNOWN (a newer producer's kind read with our schema) falls back to whichever content field is present. */
    private static MessageKind effectiveKind(SendCommand command) {
        MessageKind kind = command.getKind() == null ? MessageKind.UNKNOWN : command.getKind();
        if (kind != MessageKind.UNKNOWN) {
            return kind;
        }
        if (command.getText() != null) {
            return MessageKind.TEXT;
        }
        if (command.getTemplate() != null) {
            return MessageKind.TEMPLATE;
        }
        if (command.getMedia() != null) {
            return MessageKind.IMAGE;
        }
        if (command.getInteractive() != null) {
            return MessageKind.INTERACTIVE_BUTTON;
        }
        return MessageKind.UNKNOWN;
    }

    private static <T> T required(T content, String field, SendCommand command) {
        if (content == null) {
            throw new InvalidCommandException("kind " + command.getKind() + " needs the '" + field + "' content");
        }
        return content;
    }

    private static void putContent(ObjectNode request, String type, ObjectNode content) {
        request.put("type", type);
        request.set(type, content);
    }

    private static ObjectNode text(TextContent text) {
        if (text.getBody() == null || text.getBody().isEmpty()) {
            throw new InvalidCommandException("text body is empty");
        }
        ObjectNode node = NODES.objectNode();
        node.put("body", text.getBody());
        node.put("preview_url", text.getPreviewUrl());
        return node;
    }

    private static void media(ObjectNode request, MediaContent media) {
        String type = media.getType().name().toLowerCase(Locale.ROOT);
        ObjectNode node = MediaObjects.byIdOrLink(media.getMediaId(), media.getLink(), type);
        MediaType mediaType = media.getType();
        if (media.getCaption() != null && (mediaType == MediaType.IMAGE || mediaType == MediaType.VIDEO
                || mediaType == MediaType.DOCUMENT)) {
            node.put("caption", media.getCaption());
        }
        if (mediaType == MediaType.DOCUMENT && media.getFilename() != null) {
            node.put("filename", media.getFilename());
        }
        if (mediaType == MediaType.AUDIO && media.getVoice()) {
            node.put("voice", true);
        }
        putContent(request, type, node);
    }
}

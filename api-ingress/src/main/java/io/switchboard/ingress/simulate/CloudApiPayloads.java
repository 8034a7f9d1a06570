package io.switchboard.ingress.simulate;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.schemas.avro.MediaContent;
import io.switchboard.schemas.avro.MediaType;
import io.switchboard.schemas.avro.SendCommand;
import java.util.Locale;

/**
 * The Cloud API {@code POST /messages} body a {@link SendCommand} becomes, for simulate mode: exactly what the
 * dispatcher sends ({@code messaging_product}, {@code recipient_type}, {@code to}, the typed content,
 * {@code biz_opaque_callback_data} = our message id). This is a copy of the dispatcher's mapper
 * ({@code io.switchboard.dispatcher.CloudApiRequestMapper}, {@code TemplatePayloads}, {@code InteractivePayloads},
 * {@code MediaObjects}): services must not depend on each other, so the two copies must be kept in step until the
 * mapper moves to a shared module.
 */
public final class CloudApiPayloads {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final TemplatePayloads TEMPLATES = new TemplatePayloads();
    private static final InteractivePayloads INTERACTIVES = new InteractivePayloads();

    private CloudApiPayloads() {
    }

    /** The request body for {@code command} (which the ingress built, so it is complete). */
    public static ObjectNode request(SendCommand command) {
        ObjectNode request = NODES.objectNode();
        request.put("messaging_product", "whatsapp");
        request.put("recipient_type", "individual");
        request.put("to", command.getRecipient());
        switch (command.getKind()) {
            case TEXT -> {
                ObjectNode text = NODES.objectNode();
                text.put("body", command.getText().getBody());
                text.put("preview_url", command.getText().getPreviewUrl());
                putContent(request, "text", text);
            }
            case TEMPLATE -> putContent(request, "template", TEMPLATES.template(command.getTemplate()));
            case IMAGE, VIDEO, AUDIO, DOCUMENT -> media(request, command.getMedia());
            case INTERACTIVE_LIST, INTERACTIVE_BUTTON, INTERACTIVE_CTA_URL -> putContent(request, "interactive",
                    INTERACTIVES.interactive(command.getInteractive()));
            default -> throw new IllegalArgumentException("no content for kind " + command.getKind());
        }
        if (command.getReplyToWamid() != null && !command.getReplyToWamid().isBlank()) {
            request.putObject("context").put("message_id", command.getReplyToWamid());
        }
        request.put("biz_opaque_callback_data", command.getMessageId());
        return request;
    }

    private static void putContent(ObjectNode request, String type, ObjectNode content) {
        request.put("type", type);
        request.set(type, content);
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

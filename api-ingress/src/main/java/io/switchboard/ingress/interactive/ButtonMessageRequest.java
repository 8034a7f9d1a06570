package io.switchboard.ingress.interactive;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.ingress.http.ApiError;
import io.switchboard.ingress.media.MediaLinks;
import io.switchboard.ingress.send.InvalidRequestException;
import io.switchboard.ingress.send.PreparedSend;
import io.switchboard.ingress.send.RequestFields;
import io.switchboard.schemas.avro.HeaderType;
import io.switchboard.schemas.avro.InteractiveContent;
import io.switchboard.schemas.avro.InteractiveHeader;
import io.switchboard.schemas.avro.InteractiveType;
import io.switchboard.schemas.avro.MediaRef;
import io.switchboard.schemas.avro.MessageKind;
import io.switchboard.schemas.avro.ReplyButton;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code POST /messages/interactive/button}: {@code to}, optional {@code header} object ({@code text}
 * (60), or {@code image}/{@code video}/{@code document} with a {@code link} (https) or an uploaded media {@code id},
 * and for documents an optional {@code filename}), {@code body} (1,024), optional {@code footer} (60), 1 to 3
 * {@code buttons} ({@code id} (256) and {@code title} (20), both unique within the message: WhatsApp requires unique
 * titles), optional {@code reference} (100). Lengths in code points; errors name the field.
 */
public final class ButtonMessageRequest {

    private ButtonMessageRequest() {
    }

    public static PreparedSend from(ObjectNode body) {
        RequestFields fields = new RequestFields(body);
        String to = fields.phone("to");
        if (body.hasNonNull("header") && body.get("header").isTextual()) {
            throw invalid("header must be an object, e.g. {\"type\":\"text\",\"text\":\"Special offer\"} (a list "
                    + "message's header is a plain string, a button message's is an object)");
        }
        ObjectNode headerNode = fields.optionalObject("header");
        InteractiveHeader header = headerNode == null ? null : header(new RequestFields(headerNode, "header"));
        String text = fields.requiredText("body", 1024);
        String footer = fields.optionalText("footer", 60);
        ArrayNode buttonNodes = fields.array("buttons", 1, 3);
        List<ReplyButton> buttons = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Set<String> titles = new HashSet<>();
        for (int i = 0; i < buttonNodes.size(); i++) {
            RequestFields button = RequestFields.item(buttonNodes, i, "buttons");
            String id = button.requiredText("id", 256);
            String title = button.requiredText("title", 20);
            if (!ids.add(id)) {
                throw invalid(button.path("id") + " must be unique; another button already uses it");
            }
            if (!titles.add(title)) {
                throw invalid(button.path("title") + " must be unique; another button already uses it");
            }
            buttons.add(ReplyButton.newBuilder().setId(id).setTitle(title).build());
        }
        String reference = fields.optionalText("reference", 100);
        InteractiveContent content = InteractiveContent.newBuilder()
                .setType(InteractiveType.BUTTON).setHeader(header).setBody(text).setFooter(footer)
                .setButtons(buttons).build();
        return PreparedSend.of(to, reference, "interactive_button", true, List.of(),
                command -> command.setKind(MessageKind.INTERACTIVE_BUTTON).setInteractive(content));
    }

    private static InteractiveHeader header(RequestFields header) {
        String type = header.requiredText("type", 20).toLowerCase(Locale.ROOT);
        return switch (type) {
            case "text" -> InteractiveHeader.newBuilder().setType(HeaderType.TEXT)
                    .setText(header.requiredText("text", 60)).build();
            case "image", "video", "document" -> {
                ObjectNode media = header.optionalObject(type);
                if (media == null) {
                    throw invalid(header.path(type) + " is required for " + (type.equals("image") ? "an " : "a ")
                            + type + " header: {\"type\":\"" + type + "\",\"" + type
                            + "\":{\"link\":\"https://...\"}} (or {\"id\":\"<media id>\"} instead of link)");
                }
                MediaRef ref = MediaLinks.reference(new RequestFields(media, header.path(type)),
                        type.equals("document"));
                yield InteractiveHeader.newBuilder().setType(HeaderType.valueOf(type.toUpperCase(Locale.ROOT)))
                        .setMedia(ref).build();
            }
            default -> throw invalid("header.type must be one of text, image, video, document");
        };
    }

    private static InvalidRequestException invalid(String message) {
        return new InvalidRequestException(ApiError.validation(message));
    }
}

package io.switchboard.cloudapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.schemas.avro.InteractiveContent;
import io.switchboard.schemas.avro.InteractiveHeader;
import io.switchboard.schemas.avro.ListRow;
import io.switchboard.schemas.avro.ListSection;
import io.switchboard.schemas.avro.ReplyButton;
import java.util.Locale;

/**
 * Builds the Cloud API's {@code interactive} object for list, reply-button and call-to-action URL messages: an
 * optional header (text, or image/video/document media), the body, an optional footer and the action of the type.
 * Meta's own limits (10 rows, 3 buttons, title lengths) are checked by Meta; a structurally missing action
 * ({@code listButton}, {@code ctaUrl}, no rows or buttons) is refused here because no retry can fix it.
 */
final class InteractivePayloads {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    ObjectNode interactive(InteractiveContent content) {
        ObjectNode node = NODES.objectNode();
        node.put("type", switch (content.getType()) {
            case LIST -> "list";
            case BUTTON -> "button";
            case CTA_URL -> "cta_url";
        });
        if (content.getHeader() != null) {
            node.set("header", header(content.getHeader()));
        }
        node.putObject("body").put("text", content.getBody());
        if (content.getFooter() != null) {
            node.putObject("footer").put("text", content.getFooter());
        }
        node.set("action", switch (content.getType()) {
            case LIST -> listAction(content);
            case BUTTON -> buttonAction(content);
            case CTA_URL -> ctaUrlAction(content);
        });
        return node;
    }

    private static ObjectNode header(InteractiveHeader header) {
        ObjectNode node = NODES.objectNode();
        String type = header.getType().name().toLowerCase(Locale.ROOT);
        node.put("type", type);
        if ("text".equals(type)) {
            if (header.getText() == null) {
                throw new InvalidCommandException("text header needs text");
            }
            node.put("text", header.getText());
        } else {
            node.set(type, MediaObjects.of(header.getMedia(), type));
        }
        return node;
    }

    private static ObjectNode listAction(InteractiveContent content) {
        if (content.getListButton() == null || content.getSections() == null || content.getSections().isEmpty()) {
            throw new InvalidCommandException("a list needs listButton and at least one section");
        }
        ObjectNode action = NODES.objectNode();
        action.put("button", content.getListButton());
        ArrayNode sections = action.putArray("sections");
        for (ListSection section : content.getSections()) {
            ObjectNode s = sections.addObject();
            if (section.getTitle() != null) {
                s.put("title", section.getTitle());
            }
            ArrayNode rows = s.putArray("rows");
            for (ListRow row : section.getRows()) {
                ObjectNode r = rows.addObject();
                r.put("id", row.getId());
                r.put("title", row.getTitle());
                if (row.getDescription() != null) {
                    r.put("description", row.getDescription());
                }
            }
        }
        return action;
    }

    private static ObjectNode buttonAction(InteractiveContent content) {
        if (content.getButtons() == null || content.getButtons().isEmpty()) {
            throw new InvalidCommandException("a button message needs at least one button");
        }
        ObjectNode action = NODES.objectNode();
        ArrayNode buttons = action.putArray("buttons");
        for (ReplyButton button : content.getButtons()) {
            ObjectNode b = buttons.addObject();
            b.put("type", "reply");
            ObjectNode reply = b.putObject("reply");
            reply.put("id", button.getId());
            reply.put("title", button.getTitle());
        }
        return action;
    }

    private static ObjectNode ctaUrlAction(InteractiveContent content) {
        if (content.getCtaUrl() == null) {
            throw new InvalidCommandException("a cta_url message needs ctaUrl");
        }
        ObjectNode action = NODES.objectNode();
        action.put("name", "cta_url");
        ObjectNode parameters = action.putObject("parameters");
        parameters.put("display_text", content.getCtaUrl().getDisplayText());
        parameters.put("url", content.getCtaUrl().getUrl());
        return action;
    }
}

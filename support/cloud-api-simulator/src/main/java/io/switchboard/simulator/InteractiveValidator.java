package io.switchboard.simulator;

import io.micronaut.json.tree.JsonNode;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.switchboard.simulator.JsonFields.child;
import static io.switchboard.simulator.JsonFields.optionalObject;
import static io.switchboard.simulator.JsonFields.optionalText;
import static io.switchboard.simulator.JsonFields.path;
import static io.switchboard.simulator.JsonFields.requiredArray;
import static io.switchboard.simulator.JsonFields.requiredObject;
import static io.switchboard.simulator.JsonFields.requiredOneOf;
import static io.switchboard.simulator.JsonFields.requiredText;
import static io.switchboard.simulator.JsonFields.requiredUrl;

/**
 * Holds an {@code interactive} body to WhatsApp's limits. List: text header only (≤60), body ≤4096, footer ≤60,
 * button label ≤20, 1-10 sections and 1-10 rows in total (row id ≤200 and unique, title ≤24, description ≤72,
 * a section title ≤24 required once there are several sections). Reply buttons: header text/image/video/document,
 * body ≤1024, footer ≤60, 1-3 buttons (id ≤256, title ≤20, ids and titles unique). CTA URL: body ≤1024, footer
 * ≤60, display text ≤20 and an http(s) URL. Other interactive kinds (flows, products, location requests) are
 * accepted with only an {@code action} object checked: their limits are not in our reference yet.
 */
final class InteractiveValidator {

    private static final String ROOT = "interactive";
    private static final List<String> KINDS = List.of("list", "button", "cta_url", "location_request_message",
            "flow", "product", "product_list", "catalog_message", "address_message", "call_permission_request");
    private static final List<String> HEADER_KINDS = List.of("text", "image", "video", "document");
    private static final int MAX_HEADER = 60;
    private static final int MAX_FOOTER = 60;
    private static final int MAX_SHORT_BODY = 1024;

    private InteractiveValidator() {
    }

    static void validate(JsonNode interactive) {
        String kind = requiredOneOf(interactive, ROOT, "type", KINDS);
        switch (kind) {
            case "list" -> list(interactive);
            case "button" -> buttons(interactive);
            case "cta_url" -> ctaUrl(interactive);
            default -> requiredObject(interactive, ROOT, "action");
        }
    }

    private static void list(JsonNode interactive) {
        JsonNode header = optionalObject(interactive, ROOT, "header");
        if (header != null) {
            String headerPath = path(ROOT, "header");
            if (!"text".equals(requiredText(header, headerPath, "type", 32))) {
                throw GraphError.invalidValue("Param " + path(headerPath, "type")
                        + " must be text: list messages allow only a text header.").exception();
            }
            requiredText(header, headerPath, "text", MAX_HEADER);
        }
        bodyAndFooter(interactive, SendRequestValidator.MAX_TEXT_BODY);
        String actionPath = path(ROOT, "action");
        JsonNode action = requiredObject(interactive, ROOT, "action");
        requiredText(action, actionPath, "button", 20);
        String sectionsPath = path(actionPath, "sections");
        JsonNode sections = requiredArray(action, actionPath, "sections", 1, 10);
        Set<String> rowIds = new HashSet<>();
        int rowCount = 0;
        for (int s = 0; s < sections.size(); s++) {
            String sectionPath = path(sectionsPath, s);
            JsonNode section = objectAt(sections, s, sectionPath);
            String title = optionalText(section, sectionPath, "title", 24);
            if (title == null && sections.size() > 1) {
                throw JsonFields.missing(path(sectionPath, "title"));
            }
            JsonNode rows = requiredArray(section, sectionPath, "rows", 1, 10);
            for (int r = 0; r < rows.size(); r++) {
                String rowPath = path(path(sectionPath, "rows"), r);
                JsonNode row = objectAt(rows, r, rowPath);
                String id = requiredText(row, rowPath, "id", 200);
                requiredText(row, rowPath, "title", 24);
                optionalText(row, rowPath, "description", 72);
                if (!rowIds.add(id)) {
                    throw GraphError.invalidValue("Param " + path(rowPath, "id") + " duplicates the row id \""
                            + id + "\": row ids must be unique.").exception();
                }
            }
            rowCount += rows.size();
        }
        if (rowCount > 10) {
            throw GraphError.invalidValue("Param " + sectionsPath + " has " + rowCount
                    + " rows in total: at most 10 are allowed.").exception();
        }
    }

    private static void buttons(JsonNode interactive) {
        mediaOrTextHeader(interactive);
        bodyAndFooter(interactive, MAX_SHORT_BODY);
        String actionPath = path(ROOT, "action");
        JsonNode action = requiredObject(interactive, ROOT, "action");
        JsonNode buttons = child(action, "buttons");
        if (buttons != null && buttons.isArray() && (buttons.size() < 1 || buttons.size() > 3)) {
            // Meta's own wording for this, the most common interactive mistake.
            throw GraphError.invalidValue("Invalid buttons count. Min allowed buttons: 1, Max allowed buttons: 3"
                    + " (got " + buttons.size() + " in " + path(actionPath, "buttons") + ").").exception();
        }
        buttons = requiredArray(action, actionPath, "buttons", 1, 3);
        Set<String> ids = new HashSet<>();
        Set<String> titles = new HashSet<>();
        for (int b = 0; b < buttons.size(); b++) {
            String buttonPath = path(path(actionPath, "buttons"), b);
            JsonNode button = objectAt(buttons, b, buttonPath);
            requiredOneOf(button, buttonPath, "type", List.of("reply"));
            String replyPath = path(buttonPath, "reply");
            JsonNode reply = requiredObject(button, buttonPath, "reply");
            String id = requiredText(reply, replyPath, "id", 256);
            String title = requiredText(reply, replyPath, "title", 20);
            if (!ids.add(id)) {
                throw GraphError.invalidValue("Param " + path(replyPath, "id") + " duplicates the button id \""
                        + id + "\": button ids must be unique.").exception();
            }
            if (!titles.add(title)) {
                throw GraphError.invalidValue("Param " + path(replyPath, "title") + " duplicates the button title \""
                        + title + "\": button titles must be unique.").exception();
            }
        }
    }

    private static void ctaUrl(JsonNode interactive) {
        mediaOrTextHeader(interactive);
        bodyAndFooter(interactive, MAX_SHORT_BODY);
        String actionPath = path(ROOT, "action");
        JsonNode action = requiredObject(interactive, ROOT, "action");
        requiredOneOf(action, actionPath, "name", List.of("cta_url"));
        String parametersPath = path(actionPath, "parameters");
        JsonNode parameters = requiredObject(action, actionPath, "parameters");
        requiredText(parameters, parametersPath, "display_text", 20);
        requiredUrl(parameters, parametersPath, "url", 2048);
    }

    private static void mediaOrTextHeader(JsonNode interactive) {
        JsonNode header = optionalObject(interactive, ROOT, "header");
        if (header == null) {
            return;
        }
        String headerPath = path(ROOT, "header");
        String kind = requiredOneOf(header, headerPath, "type", HEADER_KINDS);
        if ("text".equals(kind)) {
            requiredText(header, headerPath, "text", MAX_HEADER);
        } else {
            JsonNode media = requiredObject(header, headerPath, kind);
            SendRequestValidator.media(media, path(headerPath, kind), false, "document".equals(kind));
        }
    }

    private static void bodyAndFooter(JsonNode interactive, int maxBody) {
        requiredText(requiredObject(interactive, ROOT, "body"), path(ROOT, "body"), "text", maxBody);
        JsonNode footer = optionalObject(interactive, ROOT, "footer");
        if (footer != null) {
            requiredText(footer, path(ROOT, "footer"), "text", MAX_FOOTER);
        }
    }

    private static JsonNode objectAt(JsonNode array, int index, String path) {
        JsonNode value = array.get(index);
        if (value == null || !value.isObject()) {
            throw GraphError.invalidParameter("Param " + path + " must be a JSON object.").exception();
        }
        return value;
    }
}

package io.switchboard.dispatcher.validation;

import static io.switchboard.dispatcher.validation.RejectionCode.INVALID_INTERACTIVE;

import io.switchboard.schemas.avro.HeaderType;
import io.switchboard.schemas.avro.InteractiveContent;
import io.switchboard.schemas.avro.InteractiveHeader;
import io.switchboard.schemas.avro.InteractiveType;
import io.switchboard.schemas.avro.ListRow;
import io.switchboard.schemas.avro.ListSection;
import io.switchboard.schemas.avro.MessageKind;
import io.switchboard.schemas.avro.ReplyButton;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Interactive messages, with api-ingress's and WhatsApp's limits: body 1 to 1,024 characters, footer 60; a list has a
 * text header only (60), a menu button (20), 1 to 10 sections (title 24, required when there are several) of 1 to 10
 * rows, at most 10 rows in all, each with a unique id (200), a title (24) and an optional description (72); reply
 * buttons number 1 to 3 with unique ids (256) and unique titles (20); a CTA URL has a display text (20) and an https
 * URL. Button and CTA headers are text (60) or an image, video or document by link or id.
 */
final class InteractiveRules {

    private static final int MAX_TOTAL_ROWS = 10;

    private InteractiveRules() {
    }

    static void check(MessageKind kind, InteractiveContent content) {
        InteractiveType type = content.getType();
        boolean matches = switch (kind) {
            case INTERACTIVE_LIST -> type == InteractiveType.LIST;
            case INTERACTIVE_BUTTON -> type == InteractiveType.BUTTON;
            case INTERACTIVE_CTA_URL -> type == InteractiveType.CTA_URL;
            default -> true;
        };
        if (!matches) {
            throw Rejection.of(INVALID_INTERACTIVE, "interactive.type " + type + " does not match kind " + kind);
        }
        Limits.required(INVALID_INTERACTIVE, "interactive.body", content.getBody(), 1024);
        Limits.optional(INVALID_INTERACTIVE, "interactive.footer", content.getFooter(), 60);
        header(content.getHeader(), type);
        switch (type) {
            case LIST -> list(content);
            case BUTTON -> buttons(content.getButtons());
            default -> {
                if (content.getCtaUrl() == null) {
                    throw Rejection.of(INVALID_INTERACTIVE, "interactive.ctaUrl is required for a CTA URL message");
                }
                Limits.required(INVALID_INTERACTIVE, "interactive.ctaUrl.displayText",
                        content.getCtaUrl().getDisplayText(), 20);
                Limits.https(INVALID_INTERACTIVE, "interactive.ctaUrl.url", content.getCtaUrl().getUrl(), 2048);
            }
        }
    }

    private static void header(InteractiveHeader header, InteractiveType type) {
        if (header == null) {
            return;
        }
        if (header.getType() == HeaderType.TEXT) {
            Limits.required(INVALID_INTERACTIVE, "interactive.header.text", header.getText(), 60);
        } else if (type == InteractiveType.LIST) {
            throw Rejection.of(INVALID_INTERACTIVE, "interactive.header of a list must be text");
        } else {
            ContentRules.reference(INVALID_INTERACTIVE, "interactive.header.media", header.getMedia());
        }
    }

    private static void list(InteractiveContent content) {
        Limits.required(INVALID_INTERACTIVE, "interactive.listButton", content.getListButton(), 20);
        List<ListSection> sections = content.getSections();
        Limits.count(INVALID_INTERACTIVE, "interactive.sections", sections.size(), 1, 10);
        Set<String> rowIds = new HashSet<>();
        int totalRows = 0;
        for (int s = 0; s < sections.size(); s++) {
            String path = "interactive.sections[" + s + "]";
            ListSection section = sections.get(s);
            if (section.getTitle() == null && sections.size() > 1) {
                throw Rejection.of(INVALID_INTERACTIVE, path + ".title is required when there is more than one section");
            }
            Limits.optional(INVALID_INTERACTIVE, path + ".title", section.getTitle(), 24);
            List<ListRow> rows = section.getRows();
            Limits.count(INVALID_INTERACTIVE, path + ".rows", rows.size(), 1, 10);
            totalRows += rows.size();
            if (totalRows > MAX_TOTAL_ROWS) {
                throw Rejection.of(INVALID_INTERACTIVE, "interactive.sections must have at most " + MAX_TOTAL_ROWS
                        + " rows in total");
            }
            for (int r = 0; r < rows.size(); r++) {
                String rowPath = path + ".rows[" + r + "]";
                ListRow row = rows.get(r);
                String id = Limits.required(INVALID_INTERACTIVE, rowPath + ".id", row.getId(), 200);
                if (!rowIds.add(id)) {
                    throw Rejection.of(INVALID_INTERACTIVE, rowPath + ".id must be unique; another row already uses it");
                }
                Limits.required(INVALID_INTERACTIVE, rowPath + ".title", row.getTitle(), 24);
                Limits.optional(INVALID_INTERACTIVE, rowPath + ".description", row.getDescription(), 72);
            }
        }
    }

    private static void buttons(List<ReplyButton> buttons) {
        Limits.count(INVALID_INTERACTIVE, "interactive.buttons", buttons.size(), 1, 3);
        Set<String> ids = new HashSet<>();
        Set<String> titles = new HashSet<>();
        for (int i = 0; i < buttons.size(); i++) {
            String path = "interactive.buttons[" + i + "]";
            String id = Limits.required(INVALID_INTERACTIVE, path + ".id", buttons.get(i).getId(), 256);
            String title = Limits.required(INVALID_INTERACTIVE, path + ".title", buttons.get(i).getTitle(), 20);
            if (!ids.add(id)) {
                throw Rejection.of(INVALID_INTERACTIVE, path + ".id must be unique; another button already uses it");
            }
            if (!titles.add(title)) {
                throw Rejection.of(INVALID_INTERACTIVE, path + ".title must be unique; another button already uses it");
            }
        }
    }
}

package io.switchboard.ingress.interactive;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.ingress.http.ApiError;
import io.switchboard.ingress.send.InvalidRequestException;
import io.switchboard.ingress.send.PreparedSend;
import io.switchboard.ingress.send.RequestFields;
import io.switchboard.schemas.avro.HeaderType;
import io.switchboard.schemas.avro.InteractiveContent;
import io.switchboard.schemas.avro.InteractiveHeader;
import io.switchboard.schemas.avro.InteractiveType;
import io.switchboard.schemas.avro.ListRow;
import io.switchboard.schemas.avro.ListSection;
import io.switchboard.schemas.avro.MessageKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code POST /messages/interactive/list}: {@code to}, optional {@code header} (text, 60), {@code body}
 * (1,024), optional {@code footer} (60), {@code button} (20), {@code sections} (1 to 10; each an optional
 * {@code title} (24) and 1 to 10 {@code rows}: {@code id} (200), {@code title} (24), optional {@code description}
 * (72)), optional {@code reference} (100). WhatsApp's own rules on top: at most 10 rows in all sections together,
 * row ids unique across the message, and a title on every section when there are several. Lengths in code points;
 * errors name the field.
 */
public final class ListMessageRequest {

    static final int MAX_TOTAL_ROWS = 10;

    private ListMessageRequest() {
    }

    public static PreparedSend from(ObjectNode body) {
        RequestFields fields = new RequestFields(body);
        String to = fields.phone("to");
        String header = fields.optionalText("header", 60);
        String text = fields.requiredText("body", 1024);
        String footer = fields.optionalText("footer", 60);
        String button = fields.requiredText("button", 20);
        ArrayNode sectionNodes = fields.array("sections", 1, 10);
        List<ListSection> sections = new ArrayList<>();
        Set<String> rowIds = new HashSet<>();
        int totalRows = 0;
        for (int s = 0; s < sectionNodes.size(); s++) {
            RequestFields section = RequestFields.item(sectionNodes, s, "sections");
            String title = section.optionalText("title", 24);
            if (title == null && sectionNodes.size() > 1) {
                throw invalid(section.path("title") + " is required when there is more than one section");
            }
            ArrayNode rowNodes = section.array("rows", 1, 10);
            totalRows += rowNodes.size();
            if (totalRows > MAX_TOTAL_ROWS) {
                throw invalid("sections must have at most " + MAX_TOTAL_ROWS + " rows in total");
            }
            List<ListRow> rows = new ArrayList<>();
            for (int r = 0; r < rowNodes.size(); r++) {
                RequestFields row = RequestFields.item(rowNodes, r, section.path("rows"));
                String id = row.requiredText("id", 200);
                if (!rowIds.add(id)) {
                    throw invalid(row.path("id") + " must be unique; another row already uses it");
                }
                rows.add(ListRow.newBuilder().setId(id).setTitle(row.requiredText("title", 24))
                        .setDescription(row.optionalText("description", 72)).build());
            }
            sections.add(ListSection.newBuilder().setTitle(title).setRows(rows).build());
        }
        String reference = fields.optionalText("reference", 100);
        InteractiveContent content = InteractiveContent.newBuilder()
                .setType(InteractiveType.LIST)
                .setHeader(header == null ? null
                        : InteractiveHeader.newBuilder().setType(HeaderType.TEXT).setText(header).build())
                .setBody(text).setFooter(footer).setListButton(button).setSections(sections).build();
        return PreparedSend.of(to, reference, "interactive_list", true, List.of(),
                command -> command.setKind(MessageKind.INTERACTIVE_LIST).setInteractive(content));
    }

    private static InvalidRequestException invalid(String message) {
        return new InvalidRequestException(ApiError.validation(message));
    }
}

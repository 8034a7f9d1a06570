package io.switchboard.ingress.send;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;
import io.switchboard.schemas.avro.MessageKind;
import io.switchboard.schemas.avro.TextContent;

/**
 * A valid body of {@code POST /messages/text}: recipient in E.164, the text (1 to 4,096 characters) and
 * an optional client reference (at most 100 characters).
 *
 * @param to recipient, E.164 with the leading "+"
 * @param message the text to send
 * @param reference the client's own reference, echoed in statuses
 */
public record TextMessageRequest(String to, String message, @Nullable String reference) {

    public static final int MAX_MESSAGE_LENGTH = 4096;
    public static final int MAX_REFERENCE_LENGTH = 100;

    /** Validates in field order (to, message, reference) and stops at the first problem. */
    public static TextMessageRequest from(ObjectNode body) {
        RequestFields fields = new RequestFields(body);
        String to = fields.phone("to");
        String message = fields.requiredText("message", MAX_MESSAGE_LENGTH);
        String reference = fields.optionalText("reference", MAX_REFERENCE_LENGTH);
        return new TextMessageRequest(to, message, reference);
    }

    /** The validated text as a free-form send. */
    public PreparedSend prepared() {
        return PreparedSend.of(to, reference, "text", true, java.util.List.of(), command -> command
                .setKind(MessageKind.TEXT)
                .setText(TextContent.newBuilder().setBody(message).setPreviewUrl(false).build()));
    }
}

package io.switchboard.ingress.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.core.annotation.Nullable;
import java.util.ArrayList;
import java.util.List;

/**
 * A message's status as the status-projector reports it ({@code GET /internal/messages/{id}}, see the brief's HTTP
 * contracts). Read leniently: fields the projector adds later are ignored, absent optional fields are null.
 *
 * @param messageId message id
 * @param status queued, sent, delivered, read, failed or expired
 * @param accountId the account that sent it (decides who may see it)
 * @param recipient E.164 recipient
 * @param kind message kind as the projector names it (e.g. TEXT)
 * @param reference client reference
 * @param wamid WhatsApp's message id, once sent
 * @param acceptedAt ISO-8601 acceptance time
 * @param updatedAt ISO-8601 time of the last change
 * @param error the failure, when failed
 * @param timeline every transition with its time
 */
public record ProjectedStatus(String messageId, String status, @Nullable String accountId,
                              @Nullable String recipient, @Nullable String kind, @Nullable String reference,
                              @Nullable String wamid, @Nullable String acceptedAt, @Nullable String updatedAt,
                              @Nullable Failure error, List<Transition> timeline) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The projector's error object: WhatsApp's code and texts. */
    public record Failure(@Nullable String code, @Nullable String title, @Nullable String detail,
                          @Nullable String reason) {
    }

    /** One timeline entry. */
    public record Transition(String status, @Nullable String at) {
    }

    /** Parses the projector's 200 body; throws IllegalArgumentException when it is not the documented shape. */
    public static ProjectedStatus parse(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("status-projector answered with invalid JSON", e);
        }
        if (root == null || !root.isObject() || text(root, "message_id") == null || text(root, "status") == null) {
            throw new IllegalArgumentException("status-projector answer lacks message_id or status");
        }
        List<Transition> timeline = new ArrayList<>();
        JsonNode entries = root.get("timeline");
        if (entries != null && entries.isArray()) {
            for (JsonNode entry : entries) {
                String status = text(entry, "status");
                if (status != null) {
                    timeline.add(new Transition(status, text(entry, "at")));
                }
            }
        }
        return new ProjectedStatus(text(root, "message_id"), text(root, "status"), text(root, "account_id"),
                text(root, "recipient"), text(root, "kind"), text(root, "reference"), text(root, "wamid"),
                text(root, "accepted_at"), text(root, "updated_at"), failure(root.get("error")),
                List.copyOf(timeline));
    }

    @Nullable
    private static Failure failure(@Nullable JsonNode error) {
        if (error == null || !error.isObject()) {
            return null;
        }
        return new Failure(text(error, "code"), text(error, "title"), text(error, "detail"), text(error, "reason"));
    }

    /** A scalar field as text (numbers too: WhatsApp error codes are numbers); null when absent or not scalar. */
    @Nullable
    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || !value.isValueNode() ? null : value.asText();
    }
}

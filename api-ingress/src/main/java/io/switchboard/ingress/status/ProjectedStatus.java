package io.switchboard.ingress.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.core.annotation.Nullable;
import io.switchboard.schemas.MessageError;
import java.util.ArrayList;
import java.util.List;

/**
 * A message's status as the status-projector reports it ({@code GET /internal/messages/{id}}, the items of its
 * search and batch answers). Read leniently: fields the projector adds later are ignored, absent optional fields are
 * null.
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
 * @param error the failure, when failed, in its public shape
 * @param timeline every transition with its time
 */
public record ProjectedStatus(String messageId, String status, @Nullable String accountId,
                              @Nullable String recipient, @Nullable String kind, @Nullable String reference,
                              @Nullable String wamid, @Nullable String acceptedAt, @Nullable String updatedAt,
                              @Nullable MessageError error, List<Transition> timeline) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * One timeline entry: when Switchboard learnt of it, WhatsApp's own timestamp for WhatsApp's statuses, and the
     * error of a failure.
     */
    public record Transition(String status, @Nullable String at, @Nullable String whatsappAt,
                             @Nullable MessageError error) {
    }

    /** Parses the projector's 200 body; throws IllegalArgumentException when it is not the documented shape. */
    public static ProjectedStatus parse(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("status-projector answered with invalid JSON", e);
        }
        return parse(root);
    }

    /** Reads one status object of the projector's answers; throws IllegalArgumentException when it is not one. */
    public static ProjectedStatus parse(JsonNode root) {
        if (root == null || !root.isObject() || text(root, "message_id") == null || text(root, "status") == null) {
            throw new IllegalArgumentException("status-projector answer lacks message_id or status");
        }
        List<Transition> timeline = new ArrayList<>();
        JsonNode entries = root.get("timeline");
        if (entries != null && entries.isArray()) {
            for (JsonNode entry : entries) {
                String status = text(entry, "status");
                if (status != null) {
                    timeline.add(new Transition(status, text(entry, "at"), text(entry, "whatsapp_at"),
                            failure(entry.get("error"))));
                }
            }
        }
        return new ProjectedStatus(text(root, "message_id"), text(root, "status"), text(root, "account_id"),
                text(root, "recipient"), text(root, "kind"), text(root, "reference"), text(root, "wamid"),
                text(root, "accepted_at"), text(root, "updated_at"), failure(root.get("error")),
                List.copyOf(timeline));
    }

    /** This status with the metadata it lacks (a fact that reached the projector before the acceptance) filled in. */
    ProjectedStatus withAcceptance(AcceptedMessages.Accepted accepted) {
        return new ProjectedStatus(messageId, status, accountId != null ? accountId : accepted.accountId(),
                recipient != null ? recipient : accepted.to(), kind != null ? kind : accepted.type(),
                reference != null ? reference : accepted.reference(), wamid,
                acceptedAt != null ? acceptedAt : accepted.acceptedAt().toString(), updatedAt, error, timeline);
    }

    /** The projector's error object ({@code code} WhatsApp's number, {@code title}, {@code detail}, {@code reason}). */
    @Nullable
    private static MessageError failure(@Nullable JsonNode error) {
        if (error == null || !error.isObject()) {
            return null;
        }
        JsonNode code = error.get("code");
        Integer numeric = code != null && code.canConvertToInt() ? code.intValue() : null;
        if (numeric == null && code != null && code.isTextual() && code.asText().matches("-?[0-9]{1,9}")) {
            numeric = Integer.parseInt(code.asText());
        }
        return MessageError.of(numeric, text(error, "title"), text(error, "detail"), text(error, "reason"));
    }

    /** A scalar field as text; null when absent or not scalar. */
    @Nullable
    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || !value.isValueNode() ? null : value.asText();
    }
}

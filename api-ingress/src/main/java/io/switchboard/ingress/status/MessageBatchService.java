package io.switchboard.ingress.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;
import io.switchboard.ingress.auth.ApiKeyAuthenticator;
import io.switchboard.ingress.auth.ApiOperation;
import io.switchboard.ingress.http.ApiError;
import io.switchboard.ingress.send.InvalidRequestException;
import io.switchboard.ingress.send.JsonBodies;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The status of up to {@link #MAX_IDS} messages in one call ({@code POST /messages/status}
 * {@code {"message_ids":[...]}}), for callers that follow many messages: authenticate (401) → permission
 * {@code view_messages} (403) → the body (415/400: a list of 1 to 100 ids) → one projector batch lookup (503
 * STATUS_UNAVAILABLE when it cannot answer for every id) → the ids it does not know yet from the ingress's records of
 * what it just accepted (one MGET). Answer {@code {"messages":[...], "not_found":[...]}}: messages in the order asked
 * (each once), exactly as {@code GET /messages/{id}} shows them; ids that are not UUIDs, unknown, or of another
 * account are all just "not found".
 */
@Singleton
public class MessageBatchService {

    /** The most ids one call takes. */
    public static final int MAX_IDS = 100;
    private static final Logger LOG = LoggerFactory.getLogger(MessageBatchService.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ApiKeyAuthenticator authenticator;
    private final StatusQueryClient projector;
    private final AcceptedMessages accepted;

    public MessageBatchService(ApiKeyAuthenticator authenticator, StatusQueryClient projector,
                               AcceptedMessages accepted) {
        this.authenticator = authenticator;
        this.projector = projector;
        this.accepted = accepted;
    }

    /** {@code data} of the answer, or why not. */
    public record Result(@Nullable ObjectNode data, @Nullable ApiError error) {
    }

    public CompletableFuture<Result> lookup(@Nullable String apiKey, @Nullable String contentType,
                                            @Nullable byte[] body) {
        ApiKeyAuthenticator.Result auth = authenticator.authenticate(apiKey, ApiOperation.GET_MESSAGES);
        if (auth.isRefused()) {
            return refused(auth.error());
        }
        List<String> asked;
        try {
            asked = ids(JsonBodies.readObject(contentType, body));
        } catch (InvalidRequestException e) {
            return refused(e.error());
        }
        String accountId = auth.caller().accountId();
        Map<String, String> canonical = new LinkedHashMap<>();
        for (String id : asked) {
            canonical.put(id, MessageStatusService.isUuid(id) ? UUID.fromString(id).toString() : null);
        }
        List<String> valid = canonical.values().stream().filter(id -> id != null).distinct().toList();
        if (valid.isEmpty()) {
            return CompletableFuture.completedFuture(new Result(answer(asked, canonical, Map.of()), null));
        }
        return projector.batch(valid).thenCompose(reply -> {
            if (!reply.available()) {
                return refused(MessageStatusService.unavailable());
            }
            Map<String, MessageStatusView> found = new HashMap<>();
            Map<String, ProjectedStatus> partial = new HashMap<>();
            for (ProjectedStatus status : reply.messages()) {
                if (status.accountId() == null) {
                    partial.put(status.messageId(), status);
                } else if (MessageStatusMapper.isVisibleTo(status, accountId)) {
                    found.put(status.messageId(), MessageStatusMapper.toView(status));
                }
            }
            List<String> unknown = new ArrayList<>(reply.notFound());
            unknown.addAll(partial.keySet());
            return accepted.find(unknown).handle((records, failure) -> {
                if (failure != null) {
                    LOG.warn("Accepted-message records could not be read: {}", failure.toString());
                    return new Result(null, MessageStatusService.unavailable());
                }
                for (String id : unknown) {
                    MessageStatusView view = MessageStatusService.justAccepted(partial.get(id), records.get(id),
                            accountId).view();
                    if (view != null) {
                        found.put(id, view);
                    }
                }
                return new Result(answer(asked, canonical, found), null);
            });
        });
    }

    private static ObjectNode answer(List<String> asked, Map<String, String> canonical,
                                     Map<String, MessageStatusView> found) {
        ObjectNode data = JSON.createObjectNode();
        ArrayNode messages = data.putArray("messages");
        ArrayNode notFound = data.putArray("not_found");
        List<String> shown = new ArrayList<>();
        for (String id : asked) {
            String key = canonical.get(id);
            MessageStatusView view = key == null ? null : found.get(key);
            if (view == null) {
                notFound.add(id);
            } else if (!shown.contains(key)) {
                shown.add(key);
                messages.add(JSON.valueToTree(view));
            }
        }
        return data;
    }

    /** {@code message_ids}: 1 to 100 strings, duplicates answered once. */
    private static List<String> ids(ObjectNode body) {
        JsonNode ids = body.get("message_ids");
        if (ids == null || !ids.isArray()) {
            throw invalid("message_ids is required: a list of 1 to " + MAX_IDS + " message ids");
        }
        if (ids.isEmpty() || ids.size() > MAX_IDS) {
            throw invalid("message_ids must list 1 to " + MAX_IDS + " message ids; got " + ids.size()
                    + (ids.size() > MAX_IDS ? ": split them over several calls" : ""));
        }
        List<String> distinct = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            JsonNode id = ids.get(i);
            if (!id.isTextual() || id.asText().isBlank()) {
                throw invalid("message_ids[" + i + "] must be a message id (a string)");
            }
            if (!distinct.contains(id.asText())) {
                distinct.add(id.asText());
            }
        }
        for (String name : (Iterable<String>) body::fieldNames) {
            if (!name.equals("message_ids")) {
                throw invalid("unknown field '" + name + "': the body is {\"message_ids\": [...]}");
            }
        }
        return distinct;
    }

    private static InvalidRequestException invalid(String message) {
        return new InvalidRequestException(ApiError.validation(message));
    }

    private static CompletableFuture<Result> refused(ApiError error) {
        return CompletableFuture.completedFuture(new Result(null, error));
    }
}

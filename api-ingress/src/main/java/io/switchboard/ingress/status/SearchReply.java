package io.switchboard.ingress.status;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.core.annotation.Nullable;
import java.util.List;

/**
 * The projector's answer to an outbound search.
 *
 * @param available false when the projector could not answer
 * @param invalid the projector's reason when it refused the query, else null
 * @param messages the page, newest first
 * @param next where the next page starts (acceptance time in epoch ms and message id), null on the last page
 */
public record SearchReply(boolean available, @Nullable String invalid, List<ProjectedStatus> messages,
                          @Nullable OutboundQuery.Position next) {

    static final SearchReply UNAVAILABLE = new SearchReply(false, null, List.of(), null);

    static SearchReply parse(@Nullable String body) {
        try {
            JsonNode root = ProjectorReplies.tree(body);
            JsonNode next = root.get("next");
            OutboundQuery.Position position = next == null || !next.isObject() ? null
                    : new OutboundQuery.Position(next.path("accepted_at_ms").asLong(), next.path("message_id").asText());
            return new SearchReply(true, null, ProjectorReplies.statuses(root.get("messages")), position);
        } catch (IllegalArgumentException e) {
            return UNAVAILABLE;
        }
    }

    static SearchReply invalid(String body) {
        String message;
        try {
            message = ProjectorReplies.tree(body).path("message").asText("the query is not valid");
        } catch (IllegalArgumentException e) {
            message = "the query is not valid";
        }
        return new SearchReply(true, message, List.of(), null);
    }
}

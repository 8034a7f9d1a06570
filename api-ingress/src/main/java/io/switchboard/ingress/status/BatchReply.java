package io.switchboard.ingress.status;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.core.annotation.Nullable;
import java.util.List;

/**
 * The projector's answer to a batch lookup.
 *
 * @param available false when the projector could not answer for every id
 * @param messages the messages it found
 * @param notFound the ids it does not know
 */
public record BatchReply(boolean available, List<ProjectedStatus> messages, List<String> notFound) {

    static final BatchReply UNAVAILABLE = new BatchReply(false, List.of(), List.of());

    static BatchReply parse(@Nullable String body) {
        try {
            JsonNode root = ProjectorReplies.tree(body);
            if (!ProjectorReplies.ids(root.get("unavailable")).isEmpty()) {
                return UNAVAILABLE;
            }
            return new BatchReply(true, ProjectorReplies.statuses(root.get("messages")),
                    ProjectorReplies.ids(root.get("not_found")));
        } catch (IllegalArgumentException e) {
            return UNAVAILABLE;
        }
    }
}

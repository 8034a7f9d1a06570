package io.switchboard.ingress.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.core.annotation.Nullable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The projector's search and batch answers as the ingress reads them; an unreadable answer is "unavailable". */
final class ProjectorReplies {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProjectorReplies() {
    }

    static JsonNode tree(@Nullable String body) {
        try {
            JsonNode root = JSON.readTree(body == null ? "" : body);
            if (root == null || !root.isObject()) {
                throw new IllegalArgumentException("status-projector answered with no JSON object");
            }
            return root;
        } catch (IOException e) {
            throw new IllegalArgumentException("status-projector answered with invalid JSON", e);
        }
    }

    static List<ProjectedStatus> statuses(@Nullable JsonNode array) {
        List<ProjectedStatus> statuses = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(item -> statuses.add(ProjectedStatus.parse(item)));
        }
        return statuses;
    }

    static List<String> ids(@Nullable JsonNode array) {
        List<String> ids = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(id -> ids.add(id.asText()));
        }
        return ids;
    }
}

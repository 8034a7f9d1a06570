package io.switchboard.ingress.templates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.micronaut.core.annotation.Nullable;
import io.switchboard.ingress.auth.ApiKeyAuthenticator;
import io.switchboard.ingress.auth.ApiOperation;
import io.switchboard.ingress.http.ApiError;
import io.switchboard.ingress.http.ErrorCode;
import io.switchboard.schemas.avro.Template;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Answers the template queries (permission view_templates) from the in-memory table: the caller's account's
 * templates, filtered by status (case-insensitive) and language; one name in all its languages, or in one language.
 */
@Singleton
public class TemplateQueryService {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ApiKeyAuthenticator authenticator;
    private final TemplateStore store;

    public TemplateQueryService(ApiKeyAuthenticator authenticator, TemplateStore store) {
        this.authenticator = authenticator;
        this.store = store;
    }

    /**
     * An answer: data or error.
     *
     * @param data the JSON data
     * @param error the refusal
     */
    public record Answer(@Nullable JsonNode data, @Nullable ApiError error) {
    }

    public Answer list(@Nullable String apiKey, @Nullable String status, @Nullable String language) {
        ApiKeyAuthenticator.Result auth = authenticator.authenticate(apiKey, ApiOperation.LIST_TEMPLATES);
        if (auth.isRefused()) {
            return new Answer(null, auth.error());
        }
        if (!store.isReady()) {
            return new Answer(null, unavailable());
        }
        ArrayNode data = JSON.createArrayNode();
        store.ofAccount(auth.caller().accountId()).stream()
                .filter(t -> status == null || t.getStatus().equalsIgnoreCase(status.strip()))
                .filter(t -> language == null || t.getLanguage().equals(language.strip()))
                .forEach(t -> data.add(TemplateViews.view(t)));
        return new Answer(data, null);
    }

    public Answer one(@Nullable String apiKey, String name, @Nullable String language) {
        ApiKeyAuthenticator.Result auth = authenticator.authenticate(apiKey, ApiOperation.GET_TEMPLATE);
        if (auth.isRefused()) {
            return new Answer(null, auth.error());
        }
        if (!store.isReady()) {
            return new Answer(null, unavailable());
        }
        List<Template> matches = store.ofAccount(auth.caller().accountId()).stream()
                .filter(t -> t.getName().equals(name))
                .filter(t -> language == null || t.getLanguage().equals(language.strip()))
                .toList();
        if (matches.isEmpty()) {
            return new Answer(null, TemplateRefusals.notFound(store.ofAccount(auth.caller().accountId()), name,
                    language));
        }
        if (language != null) {
            return new Answer(TemplateViews.view(matches.get(0)), null);
        }
        ArrayNode data = JSON.createArrayNode();
        matches.forEach(t -> data.add(TemplateViews.view(t)));
        return new Answer(data, null);
    }

    public static ApiError unavailable() {
        return ApiError.of(ErrorCode.TEMPLATES_UNAVAILABLE, "Templates are still loading; retry shortly");
    }
}

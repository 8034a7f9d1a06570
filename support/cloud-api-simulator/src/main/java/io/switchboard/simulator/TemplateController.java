package io.switchboard.simulator;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * {@code GET /{version}/{waba-id}/message_templates}, as Meta answers it: bearer token required, the WABA must be
 * one the {@link TemplateCatalog} knows (else code 100, as for any unknown Graph object), {@code limit} (default 25,
 * 1-1000) with {@code after}/{@code before} cursors, and optional exact filters {@code name}, {@code status},
 * {@code category}, {@code language}. The answer is {@code {"data":[...],"paging":{"cursors":{"before","after"},
 * "next"?,"previous"?}}}; {@code fields} is ignored: every field is always returned.
 */
@Controller(produces = MediaType.APPLICATION_JSON)
public class TemplateController {

    private final AccessTokens tokens;
    private final TemplateCatalog catalog;
    private final MediaConfig mediaConfig;

    public TemplateController(AccessTokens tokens, TemplateCatalog catalog, MediaConfig mediaConfig) {
        this.tokens = tokens;
        this.catalog = catalog;
        this.mediaConfig = mediaConfig;
    }

    @Get("/{version}/{wabaId}/message_templates{?limit,after,before,name,status,category,language}")
    public Map<String, Object> list(@PathVariable String version, @PathVariable String wabaId, HttpRequest<?> request,
                                    @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
                                    @Nullable @QueryValue String limit, @Nullable @QueryValue String after,
                                    @Nullable @QueryValue String before, @Nullable @QueryValue String name,
                                    @Nullable @QueryValue String status, @Nullable @QueryValue String category,
                                    @Nullable @QueryValue String language) {
        tokens.check(authorization);
        if (!catalog.exists(wabaId)) {
            throw GraphError.invalidParameter("Unsupported get request. Object with ID '" + wabaId + "' does not"
                    + " exist, cannot be loaded due to missing permissions, or does not support this operation.")
                    .exception();
        }
        int size = parseLimit(limit);
        Predicate<Template> filter = t -> (name == null || t.name().equals(name))
                && (status == null || t.status().equals(status.toUpperCase(Locale.ROOT)))
                && (category == null || t.category().equals(category.toUpperCase(Locale.ROOT)))
                && (language == null || t.language().equals(language));
        TemplatePages.Page page = TemplatePages.page(catalog.all(wabaId), filter, size, blankToNull(after),
                blankToNull(before));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("data", page.data().stream().map(Template::listing).toList());
        if (page.data().isEmpty()) {
            return answer;
        }
        Map<String, Object> paging = new LinkedHashMap<>();
        paging.put("cursors", Map.of("before", page.before(), "after", page.after()));
        String self = PublicUrls.base(mediaConfig.getPublicBaseUrl(), request) + request.getPath();
        if (page.hasNext()) {
            paging.put("next", self + query(size, "after", page.after(), name, status, category, language));
        }
        if (page.hasPrevious()) {
            paging.put("previous", self + query(size, "before", page.before(), name, status, category, language));
        }
        answer.put("paging", paging);
        return answer;
    }

    private static int parseLimit(@Nullable String limit) {
        if (limit == null || limit.isBlank()) {
            return 25;
        }
        try {
            int value = Integer.parseInt(limit.trim());
            if (value >= 1 && value <= 1000) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw GraphError.invalidParameter("Param limit must be a number between 1 and 1000.").exception();
    }

    private static String query(int limit, String cursorName, String cursor, @Nullable String... filters) {
        StringBuilder query = new StringBuilder("?limit=").append(limit)
                .append('&').append(cursorName).append('=').append(cursor);
        String[] names = {"name", "status", "category", "language"};
        for (int i = 0; i < names.length; i++) {
            if (filters[i] != null) {
                query.append('&').append(names[i]).append('=')
                        .append(URLEncoder.encode(filters[i], StandardCharsets.UTF_8));
            }
        }
        return query.toString();
    }

    @Nullable
    private static String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }
}

package io.switchboard.ingress.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.switchboard.ingress.templates.TemplateQueryService;

/**
 * The template queries: {@code GET /templates} ({@code ?status=}, {@code ?language=}) and
 * {@code GET /templates/{name}} (all languages, or one with {@code ?language=}). Answered from memory, so plain
 * (non-blocking) methods are enough.
 */
@Controller("/api/v1/external/templates")
public class TemplatesController {

    private final TemplateQueryService templates;
    private final ApiResponses responses;

    public TemplatesController(TemplateQueryService templates, ApiResponses responses) {
        this.templates = templates;
        this.responses = responses;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> list(HttpRequest<?> request,
                                @Nullable @Header(MessagesController.API_KEY_HEADER) String apiKey,
                                @Nullable @QueryValue String status, @Nullable @QueryValue String language) {
        return answer(request, templates.list(apiKey, status, language));
    }

    @Get(uri = "/{name}", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> one(HttpRequest<?> request,
                               @Nullable @Header(MessagesController.API_KEY_HEADER) String apiKey,
                               @PathVariable String name, @Nullable @QueryValue String language) {
        return answer(request, templates.one(apiKey, name, language));
    }

    private HttpResponse<?> answer(HttpRequest<?> request, TemplateQueryService.Answer answer) {
        String requestId = RequestIds.of(request);
        return answer.error() != null ? responses.error(requestId, answer.error(), null)
                : responses.okJson(requestId, answer.data());
    }
}

package io.switchboard.ingress.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.switchboard.ingress.http.ApiError;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The admin API for API keys ({@code /api/v1/admin/keys}). Thin: checks the admin token, hands raw bodies to
 * {@link ApiKeyAdminService} and writes the envelope. Kafka work is answered through futures, never on an event loop.
 */
@Controller(AdminKeysController.PATH)
public class AdminKeysController {

    public static final String PATH = "/api/v1/admin/keys";

    private final AdminTokenGuard guard;
    private final ApiKeyAdminService keys;
    private final AdminResponses responses;

    public AdminKeysController(AdminTokenGuard guard, ApiKeyAdminService keys, AdminResponses responses) {
        this.guard = guard;
        this.keys = keys;
        this.responses = responses;
    }

    @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public CompletableFuture<HttpResponse<?>> create(HttpRequest<?> request,
                                                     @Nullable @Header(HttpHeaders.AUTHORIZATION) String token,
                                                     @Nullable @Header(HttpHeaders.CONTENT_TYPE) String contentType,
                                                     @Nullable @Body byte[] body) {
        return guarded(request, token, () -> keys.create(contentType, body)
                .thenApply(outcome -> responses.answer(request, outcome,
                        (data, meta) -> new AdminEnvelopes.CreatedKeyEnvelope(true, data, meta))));
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    public CompletableFuture<HttpResponse<?>> list(HttpRequest<?> request,
                                                   @Nullable @Header(HttpHeaders.AUTHORIZATION) String token,
                                                   @Nullable @QueryValue("account_id") String accountId) {
        return guarded(request, token, () -> CompletableFuture.completedFuture(responses.answer(request,
                keys.list(accountId), (data, meta) -> new AdminEnvelopes.KeyListEnvelope(true, data, meta))));
    }

    @Get(uri = "/{id}", produces = MediaType.APPLICATION_JSON)
    public CompletableFuture<HttpResponse<?>> get(HttpRequest<?> request,
                                                  @Nullable @Header(HttpHeaders.AUTHORIZATION) String token,
                                                  @PathVariable String id) {
        return guarded(request, token, () -> CompletableFuture.completedFuture(responses.answer(request,
                keys.get(id), (data, meta) -> new AdminEnvelopes.KeyEnvelope(true, data, meta))));
    }

    @Post(uri = "/{id}/activate", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public CompletableFuture<HttpResponse<?>> activate(HttpRequest<?> request,
                                                       @Nullable @Header(HttpHeaders.AUTHORIZATION) String token,
                                                       @PathVariable String id) {
        return guarded(request, token, () -> keys.setActive(id, true).thenApply(outcome -> keyAnswer(request,
                outcome)));
    }

    @Post(uri = "/{id}/deactivate", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public CompletableFuture<HttpResponse<?>> deactivate(HttpRequest<?> request,
                                                         @Nullable @Header(HttpHeaders.AUTHORIZATION) String token,
                                                         @PathVariable String id) {
        return guarded(request, token, () -> keys.setActive(id, false).thenApply(outcome -> keyAnswer(request,
                outcome)));
    }

    @Patch(uri = "/{id}", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public CompletableFuture<HttpResponse<?>> patch(HttpRequest<?> request,
                                                    @Nullable @Header(HttpHeaders.AUTHORIZATION) String token,
                                                    @Nullable @Header(HttpHeaders.CONTENT_TYPE) String contentType,
                                                    @PathVariable String id,
                                                    @Nullable @Body byte[] body) {
        return guarded(request, token, () -> keys.patch(id, contentType, body).thenApply(outcome -> keyAnswer(request,
                outcome)));
    }

    @Delete(uri = "/{id}", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public CompletableFuture<HttpResponse<?>> delete(HttpRequest<?> request,
                                                     @Nullable @Header(HttpHeaders.AUTHORIZATION) String token,
                                                     @PathVariable String id) {
        return guarded(request, token, () -> keys.delete(id).thenApply(outcome -> responses.answer(request, outcome,
                (data, meta) -> new AdminEnvelopes.DeletedKeyEnvelope(true, data, meta))));
    }

    private HttpResponse<?> keyAnswer(HttpRequest<?> request, AdminOutcome<AdminViews.KeyView> outcome) {
        return responses.answer(request, outcome, (data, meta) -> new AdminEnvelopes.KeyEnvelope(true, data, meta));
    }

    private CompletableFuture<HttpResponse<?>> guarded(HttpRequest<?> request, @Nullable String token,
                                                       Supplier<CompletableFuture<HttpResponse<?>>> action) {
        ApiError refusal = guard.refusal(request, token);
        return refusal != null ? CompletableFuture.completedFuture(responses.refuse(request, refusal)) : action.get();
    }
}

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
 * The admin API for customer webhook endpoints ({@code /api/v1/admin/webhooks}). Thin: checks the admin token, hands
 * raw bodies to {@link WebhookEndpointAdminService} and writes the envelope; Kafka work is answered through futures.
 */
@Controller(AdminWebhooksController.PATH)
public class AdminWebhooksController {

    public static final String PATH = "/api/v1/admin/webhooks";

    private final AdminTokenGuard guard;
    private final WebhookEndpointAdminService webhooks;
    private final AdminResponses responses;

    public AdminWebhooksController(AdminTokenGuard guard, WebhookEndpointAdminService webhooks,
                                   AdminResponses responses) {
        this.guard = guard;
        this.webhooks = webhooks;
        this.responses = responses;
    }

    @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public CompletableFuture<HttpResponse<?>> create(HttpRequest<?> request,
                                                     @Nullable @Header(HttpHeaders.AUTHORIZATION) String token,
                                                     @Nullable @Header(HttpHeaders.CONTENT_TYPE) String contentType,
                                                     @Nullable @Body byte[] body) {
        return guarded(request, token, () -> webhooks.create(contentType, body).thenApply(outcome ->
                responses.answer(request, outcome, (data, meta) -> new WebhookViews.SecretEnvelope(true, data,
                        meta))));
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    public CompletableFuture<HttpResponse<?>> list(HttpRequest<?> request,
                                                   @Nullable @Header(HttpHeaders.AUTHORIZATION) String token,
                                                   @Nullable @QueryValue("account_id") String accountId) {
        return guarded(request, token, () -> CompletableFuture.completedFuture(responses.answer(request,
                webhooks.list(accountId), (data, meta) -> new WebhookViews.ListEnvelope(true, data, meta))));
    }

    @Get(uri = "/{id}", produces = MediaType.APPLICATION_JSON)
    public CompletableFuture<HttpResponse<?>> get(HttpRequest<?> request,
                                                  @Nullable @Header(HttpHeaders.AUTHORIZATION) String token,
                                                  @PathVariable String id) {
        return guarded(request, token, () -> CompletableFuture.completedFuture(endpoint(request, webhooks.get(id))));
    }

    @Patch(uri = "/{id}", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public CompletableFuture<HttpResponse<?>> update(HttpRequest<?> request,
                                                     @Nullable @Header(HttpHeaders.AUTHORIZATION) String token,
                                                     @Nullable @Header(HttpHeaders.CONTENT_TYPE) String contentType,
                                                     @PathVariable String id, @Nullable @Body byte[] body) {
        return guarded(request, token, () -> webhooks.update(id, contentType, body)
                .thenApply(outcome -> endpoint(request, outcome)));
    }

    @Post(uri = "/{id}/enable", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public CompletableFuture<HttpResponse<?>> enable(HttpRequest<?> request,
                                                     @Nullable @Header(HttpHeaders.AUTHORIZATION) String token,
                                                     @PathVariable String id) {
        return guarded(request, token, () -> webhooks.setEnabled(id, true)
                .thenApply(outcome -> endpoint(request, outcome)));
    }

    @Post(uri = "/{id}/disable", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public CompletableFuture<HttpResponse<?>> disable(HttpRequest<?> request,
                                                      @Nullable @Header(HttpHeaders.AUTHORIZATION) String token,
                                                      @PathVariable String id) {
        return guarded(request, token, () -> webhooks.setEnabled(id, false)
                .thenApply(outcome -> endpoint(request, outcome)));
    }

    @Post(uri = "/{id}/rotate-secret", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public CompletableFuture<HttpResponse<?>> rotate(HttpRequest<?> request,
                                                     @Nullable @Header(HttpHeaders.AUTHORIZATION) String token,
                                                     @PathVariable String id) {
        return guarded(request, token, () -> webhooks.rotateSecret(id).thenApply(outcome -> responses.answer(
                request, outcome, (data, meta) -> new WebhookViews.SecretEnvelope(true, data, meta))));
    }

    @Delete(uri = "/{id}", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public CompletableFuture<HttpResponse<?>> delete(HttpRequest<?> request,
                                                     @Nullable @Header(HttpHeaders.AUTHORIZATION) String token,
                                                     @PathVariable String id) {
        return guarded(request, token, () -> webhooks.delete(id).thenApply(outcome -> responses.answer(request,
                outcome, (data, meta) -> new WebhookViews.DeletedEnvelope(true, data, meta))));
    }

    private HttpResponse<?> endpoint(HttpRequest<?> request, AdminOutcome<WebhookViews.EndpointView> outcome) {
        return responses.answer(request, outcome, (data, meta) -> new WebhookViews.EndpointEnvelope(true, data,
                meta));
    }

    private CompletableFuture<HttpResponse<?>> guarded(HttpRequest<?> request, @Nullable String token,
                                                       Supplier<CompletableFuture<HttpResponse<?>>> action) {
        ApiError refusal = guard.refusal(request, token);
        return refusal != null ? CompletableFuture.completedFuture(responses.refuse(request, refusal)) : action.get();
    }
}

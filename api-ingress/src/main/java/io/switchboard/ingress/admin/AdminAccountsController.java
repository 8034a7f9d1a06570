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
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.switchboard.ingress.http.ApiError;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The admin API for WhatsApp accounts ({@code /api/v1/admin/accounts}): create or replace, list, fetch, disable,
 * enable, delete. Thin: checks the admin token, hands raw bodies to {@link AccountAdminService} and
 * {@link AccountLifecycle} and writes the envelope; Kafka and Redis work is answered through futures.
 */
@Controller(AdminAccountsController.PATH)
public class AdminAccountsController {

    public static final String PATH = "/api/v1/admin/accounts";

    private final AdminTokenGuard guard;
    private final AccountAdminService accounts;
    private final AccountLifecycle lifecycle;
    private final AdminResponses responses;

    public AdminAccountsController(AdminTokenGuard guard, AccountAdminService accounts, AccountLifecycle lifecycle,
                                   AdminResponses responses) {
        this.guard = guard;
        this.accounts = accounts;
        this.lifecycle = lifecycle;
        this.responses = responses;
    }

    @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public CompletableFuture<HttpResponse<?>> put(HttpRequest<?> request,
                                                  @Nullable @Header(HttpHeaders.AUTHORIZATION) String token,
                                                  @Nullable @Header(HttpHeaders.CONTENT_TYPE) String contentType,
                                                  @Nullable @Body byte[] body) {
        return guarded(request, token, () -> accounts.put(contentType, body)
                .thenApply(outcome -> account(request, outcome)));
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    public CompletableFuture<HttpResponse<?>> list(HttpRequest<?> request,
                                                   @Nullable @Header(HttpHeaders.AUTHORIZATION) String token,
                                                   @Nullable @QueryValue String status) {
        return guarded(request, token, () -> CompletableFuture.completedFuture(responses.answer(request,
                accounts.list(status), (data, meta) -> new AdminEnvelopes.AccountListEnvelope(true, data, meta))));
    }

    @Get(uri = "/{id}", produces = MediaType.APPLICATION_JSON)
    public CompletableFuture<HttpResponse<?>> get(HttpRequest<?> request,
                                                  @Nullable @Header(HttpHeaders.AUTHORIZATION) String token,
                                                  @PathVariable String id) {
        return guarded(request, token, () -> CompletableFuture.completedFuture(account(request, accounts.get(id))));
    }

    @Post(uri = "/{id}/disable", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public CompletableFuture<HttpResponse<?>> disable(HttpRequest<?> request,
                                                      @Nullable @Header(HttpHeaders.AUTHORIZATION) String token,
                                                      @Nullable @Header(HttpHeaders.CONTENT_TYPE) String contentType,
                                                      @PathVariable String id, @Nullable @Body byte[] body) {
        return guarded(request, token, () -> lifecycle.disable(id, contentType, body)
                .thenApply(outcome -> account(request, outcome)));
    }

    @Post(uri = "/{id}/enable", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public CompletableFuture<HttpResponse<?>> enable(HttpRequest<?> request,
                                                     @Nullable @Header(HttpHeaders.AUTHORIZATION) String token,
                                                     @PathVariable String id) {
        return guarded(request, token, () -> lifecycle.enable(id).thenApply(outcome -> account(request, outcome)));
    }

    @Delete(uri = "/{id}", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public CompletableFuture<HttpResponse<?>> delete(HttpRequest<?> request,
                                                     @Nullable @Header(HttpHeaders.AUTHORIZATION) String token,
                                                     @Nullable @Header(HttpHeaders.CONTENT_TYPE) String contentType,
                                                     @PathVariable String id, @Nullable @Body byte[] body) {
        return guarded(request, token, () -> lifecycle.delete(id, contentType, body)
                .thenApply(outcome -> account(request, outcome)));
    }

    private HttpResponse<?> account(HttpRequest<?> request, AdminOutcome<AdminViews.AccountView> outcome) {
        return responses.answer(request, outcome, (data, meta) -> new AdminEnvelopes.AccountEnvelope(true, data,
                meta));
    }

    private CompletableFuture<HttpResponse<?>> guarded(HttpRequest<?> request, @Nullable String token,
                                                       Supplier<CompletableFuture<HttpResponse<?>>> action) {
        ApiError refusal = guard.refusal(request, token);
        return refusal != null ? CompletableFuture.completedFuture(responses.refuse(request, refusal)) : action.get();
    }
}

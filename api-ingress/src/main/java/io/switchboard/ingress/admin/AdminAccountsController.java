package io.switchboard.ingress.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.switchboard.ingress.http.ApiError;
import java.util.concurrent.CompletableFuture;

/**
 * The admin API for WhatsApp accounts ({@code /api/v1/admin/accounts}). Thin: checks the admin token, hands raw
 * bodies to {@link AccountAdminService} and writes the envelope.
 */
@Controller(AdminAccountsController.PATH)
public class AdminAccountsController {

    public static final String PATH = "/api/v1/admin/accounts";

    private final AdminTokenGuard guard;
    private final AccountAdminService accounts;
    private final AdminResponses responses;

    public AdminAccountsController(AdminTokenGuard guard, AccountAdminService accounts, AdminResponses responses) {
        this.guard = guard;
        this.accounts = accounts;
        this.responses = responses;
    }

    @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public CompletableFuture<HttpResponse<?>> put(HttpRequest<?> request,
                                                  @Nullable @Header(HttpHeaders.AUTHORIZATION) String token,
                                                  @Nullable @Header(HttpHeaders.CONTENT_TYPE) String contentType,
                                                  @Nullable @Body byte[] body) {
        ApiError refusal = guard.refusal(token);
        if (refusal != null) {
            return CompletableFuture.completedFuture(responses.refuse(request, refusal));
        }
        return accounts.put(contentType, body).thenApply(outcome -> responses.answer(request, outcome,
                (data, meta) -> new AdminEnvelopes.AccountEnvelope(true, data, meta)));
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> list(HttpRequest<?> request, @Nullable @Header(HttpHeaders.AUTHORIZATION) String token) {
        ApiError refusal = guard.refusal(token);
        return refusal != null ? responses.refuse(request, refusal) : responses.answer(request, accounts.list(),
                (data, meta) -> new AdminEnvelopes.AccountListEnvelope(true, data, meta));
    }

    @Get(uri = "/{id}", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> get(HttpRequest<?> request, @Nullable @Header(HttpHeaders.AUTHORIZATION) String token,
                               @PathVariable String id) {
        ApiError refusal = guard.refusal(token);
        return refusal != null ? responses.refuse(request, refusal) : responses.answer(request, accounts.get(id),
                (data, meta) -> new AdminEnvelopes.AccountEnvelope(true, data, meta));
    }
}

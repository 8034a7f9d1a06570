package io.switchboard.ingress.templates;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.serde.annotation.Serdeable;
import io.switchboard.ingress.admin.AdminOutcome;
import io.switchboard.ingress.admin.AdminResponses;
import io.switchboard.ingress.admin.AdminTokenGuard;
import io.switchboard.ingress.auth.AccountStore;
import io.switchboard.ingress.http.ApiError;
import io.switchboard.ingress.http.Envelopes;
import io.switchboard.ingress.http.ErrorCode;
import io.switchboard.schemas.avro.Account;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The template synchronisation of accounts on the admin API (admin token): {@code GET /api/v1/admin/template-sync}
 * (every account), {@code GET /api/v1/admin/accounts/{id}/templates/sync} (one) and
 * {@code POST /api/v1/admin/accounts/{id}/templates/sync} (read the account's templates now, answered once read:
 * after adding templates in WhatsApp Manager, there is no need to wait for the next periodic sync). An unknown or
 * deleted account is 404 ACCOUNT_NOT_FOUND.
 */
@Controller("/api/v1/admin")
public class TemplateSyncController {

    private final AdminTokenGuard guard;
    private final AdminResponses responses;
    private final TemplateSyncStatuses statuses;
    private final TemplateSync sync;
    private final AccountStore accounts;

    public TemplateSyncController(AdminTokenGuard guard, AdminResponses responses, TemplateSyncStatuses statuses,
                                  TemplateSync sync, AccountStore accounts) {
        this.guard = guard;
        this.responses = responses;
        this.statuses = statuses;
        this.sync = sync;
        this.accounts = accounts;
    }

    @Get(uri = "/template-sync", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> all(HttpRequest<?> request, @Nullable @Header(HttpHeaders.AUTHORIZATION) String token) {
        ApiError refusal = guard.refusal(request, token);
        return refusal != null ? responses.refuse(request, refusal)
                : responses.answer(request, AdminOutcome.ok(statuses.all()), ListEnvelope::new);
    }

    @Get(uri = "/accounts/{accountId}/templates/sync", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> one(HttpRequest<?> request, @Nullable @Header(HttpHeaders.AUTHORIZATION) String token,
                               @PathVariable String accountId) {
        ApiError refusal = guard.refusal(request, token);
        if (refusal != null) {
            return responses.refuse(request, refusal);
        }
        TemplateSyncStatus status = statuses.of(accountId);
        return responses.answer(request, status == null ? AdminOutcome.refused(notFound(accountId))
                : AdminOutcome.ok(status), OneEnvelope::new);
    }

    @Post(uri = "/accounts/{accountId}/templates/sync", produces = MediaType.APPLICATION_JSON,
            consumes = MediaType.ALL)
    public CompletableFuture<HttpResponse<?>> now(HttpRequest<?> request,
                                                  @Nullable @Header(HttpHeaders.AUTHORIZATION) String token,
                                                  @PathVariable String accountId) {
        ApiError refusal = guard.refusal(request, token);
        if (refusal != null) {
            return CompletableFuture.completedFuture(responses.refuse(request, refusal));
        }
        Account account = accounts.byId(accountId);
        if (account == null || TemplateSyncStatuses.deleted(account)) {
            return CompletableFuture.completedFuture(responses.answer(request,
                    AdminOutcome.<TemplateSyncStatus>refused(notFound(accountId)), OneEnvelope::new));
        }
        return sync.syncNow(account).thenApply(status -> responses.answer(request, AdminOutcome.ok(status),
                OneEnvelope::new));
    }

    private static ApiError notFound(String accountId) {
        String shown = accountId.length() > 100 ? accountId.substring(0, 100) + "..." : accountId;
        return ApiError.of(ErrorCode.ACCOUNT_NOT_FOUND, "No account " + shown);
    }

    /** The answer with every account's status. */
    @Serdeable
    public record ListEnvelope(boolean success, List<TemplateSyncStatus> data, Envelopes.Meta meta) {
        ListEnvelope(List<TemplateSyncStatus> data, Envelopes.Meta meta) {
            this(true, data, meta);
        }
    }

    /** The answer with one account's status. */
    @Serdeable
    public record OneEnvelope(boolean success, TemplateSyncStatus data, Envelopes.Meta meta) {
        OneEnvelope(TemplateSyncStatus data, Envelopes.Meta meta) {
            this(true, data, meta);
        }
    }
}

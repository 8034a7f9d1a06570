package io.switchboard.ingress.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.serde.annotation.Serdeable;
import io.switchboard.ingress.http.ApiError;
import io.switchboard.ingress.http.Envelopes;
import java.util.concurrent.CompletableFuture;

/** {@code GET /api/v1/admin/stats[?account_id=]}: the dashboard figures, of all accounts or one, behind the admin token. */
@Controller("/api/v1/admin/stats")
public class AdminStatsController {

    private final AdminTokenGuard guard;
    private final DashboardStats stats;
    private final AdminResponses responses;

    public AdminStatsController(AdminTokenGuard guard, DashboardStats stats, AdminResponses responses) {
        this.guard = guard;
        this.stats = stats;
        this.responses = responses;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    public CompletableFuture<HttpResponse<?>> stats(HttpRequest<?> request,
                                                    @Nullable @Header(HttpHeaders.AUTHORIZATION) String token,
                                                    @Nullable @QueryValue("account_id") String accountId) {
        ApiError refusal = guard.refusal(request, token);
        if (refusal != null) {
            return CompletableFuture.completedFuture(responses.refuse(request, refusal));
        }
        return stats.figures(accountId).thenApply(figures -> responses.answer(request, AdminOutcome.ok(figures),
                StatsEnvelope::new));
    }

    /** The success envelope of the stats answer. */
    @Serdeable
    public record StatsEnvelope(boolean success, DashboardStats.Figures data, Envelopes.Meta meta) {
        StatsEnvelope(DashboardStats.Figures data, Envelopes.Meta meta) {
            this(true, data, meta);
        }
    }
}

package io.switchboard.ingress.send;

import io.switchboard.ingress.http.ApiError;
import io.switchboard.ingress.http.ErrorCode;
import io.switchboard.ingress.idempotency.IdempotencyStore;
import io.switchboard.ingress.ratelimit.GateResult;
import io.switchboard.ingress.ratelimit.KeyRateLimits;
import io.switchboard.ingress.ratelimit.RateLimitDecision;
import io.switchboard.ingress.support.IngressMetrics;
import jakarta.inject.Singleton;

/**
 * What the client is told when the send gate did not let a send through: 429 naming the limit that refused (with
 * {@code retry_after} and {@code limit}; {@code meta.rate_limit} and the {@code RateLimit-*} headers then describe
 * that limit's window, e.g. the day's), 422 outside the customer-service window, 409 while the same
 * Idempotency-Key is in flight (with {@code retry_after}), 422 when that key came with another body, and the stored
 * first answer for a replay.
 */
@Singleton
public class SendRefusals {

    private final IngressMetrics metrics;

    public SendRefusals(IngressMetrics metrics) {
        this.metrics = metrics;
    }

    public SendOutcome outcome(GateResult result, RateLimitDecision decision) {
        return switch (result.verdict()) {
            case RATE_LIMITED -> SendOutcome.refused(tooMany(decision), decision.refusal());
            case OUTSIDE_WINDOW -> SendOutcome.refused(ApiError.of(ErrorCode.OUTSIDE_CUSTOMER_SERVICE_WINDOW,
                    "The recipient has not messaged this business number in the last 24 hours, so only a template "
                            + "message can be sent. Send an approved template instead "
                            + "(POST /messages/template or /messages/template/send)."), decision.perMinute());
            case IN_FLIGHT -> {
                long retryAfter = Math.max(1, (parseLong(result.detail()) + 999) / 1000);
                yield SendOutcome.refused(new ApiError(ErrorCode.IDEMPOTENCY_KEY_IN_PROGRESS,
                        "A request with this Idempotency-Key is still being processed. Retry after " + retryAfter
                                + " seconds.", retryAfter, null), decision.perMinute());
            }
            case KEY_REUSED -> SendOutcome.refused(ApiError.of(ErrorCode.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was already used with a different request body or endpoint; use a new key "
                            + "for a new request."), decision.perMinute());
            case REPLAY -> {
                IdempotencyStore.StoredAnswer answer = IdempotencyStore.StoredAnswer.fromJson(result.detail());
                yield SendOutcome.replayed(answer.messageId(), answer.to(), answer.reference(), answer.warnings(),
                        decision.perMinute());
            }
            case ALLOWED -> throw new IllegalArgumentException("an allowed send is not refused");
        };
    }

    private ApiError tooMany(RateLimitDecision decision) {
        KeyRateLimits.PlannedLimit limit = decision.refusedBy();
        metrics.rateLimited(limit.kind().publicName());
        return new ApiError(ErrorCode.RATE_LIMIT_EXCEEDED,
                "Rate limit exceeded: " + limit.kind().describe(limit.counter().limit()) + ". Retry after "
                        + decision.retryAfterSeconds() + " seconds.",
                decision.retryAfterSeconds(), limit.kind().publicName());
    }

    private static long parseLong(String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return 1_000;
        }
    }
}

package io.switchboard.ingress.send;

import io.micronaut.core.annotation.Nullable;
import io.switchboard.ingress.auth.AccountStore;
import io.switchboard.ingress.auth.ApiKeyAuthenticator;
import io.switchboard.ingress.auth.Caller;
import io.switchboard.ingress.http.ApiError;
import io.switchboard.ingress.http.ErrorCode;
import io.switchboard.ingress.kafka.SendCommandPublisher;
import io.switchboard.ingress.ratelimit.KeyRateLimits;
import io.switchboard.ingress.ratelimit.RateLimitDecision;
import io.switchboard.ingress.ratelimit.RedisRateLimiter;
import io.switchboard.ingress.support.IngressMetrics;
import io.switchboard.schemas.Redaction;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.Account;
import io.switchboard.schemas.avro.Permission;
import io.switchboard.schemas.avro.SendCommand;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts a text message: authenticate (401) → permission send_text (403) → body (415/400) → the key's account →
 * rate limit in Redis (429; 503 when Redis cannot answer) → send command on Kafka, answered only once the broker
 * acknowledged it (503 when it does not in time). Invalid requests stop before Redis, so they consume no quota;
 * a request refused by the limit is not counted either. A message is never queued without a rate-limit answer.
 */
@Singleton
public class TextSendService {

    private static final Logger LOG = LoggerFactory.getLogger(TextSendService.class);

    private final ApiKeyAuthenticator authenticator;
    private final AccountStore accounts;
    private final RedisRateLimiter limiter;
    private final SendCommandFactory commands;
    private final SendCommandPublisher publisher;
    private final IngressMetrics metrics;
    private final Clock clock;

    public TextSendService(ApiKeyAuthenticator authenticator, AccountStore accounts, RedisRateLimiter limiter,
                           SendCommandFactory commands, SendCommandPublisher publisher, IngressMetrics metrics,
                           Clock clock) {
        this.authenticator = authenticator;
        this.accounts = accounts;
        this.limiter = limiter;
        this.commands = commands;
        this.publisher = publisher;
        this.metrics = metrics;
        this.clock = clock;
    }

    public CompletableFuture<SendOutcome> send(@Nullable String apiKey, @Nullable String contentType,
                                               @Nullable byte[] body) {
        ApiKeyAuthenticator.Result auth = authenticator.authenticate(apiKey, Permission.SEND_TEXT);
        if (auth.isRefused()) {
            return refused(auth.error());
        }
        Caller caller = auth.caller();
        TextMessageRequest request;
        try {
            request = TextMessageRequest.from(JsonBodies.readObject(contentType, body));
        } catch (InvalidRequestException e) {
            return refused(e.error());
        }
        Account account = accounts.byId(caller.accountId());
        if (account == null) {
            return refused(ApiError.of(ErrorCode.ACCOUNT_NOT_CONFIGURED,
                    "The WhatsApp account of this API key is not configured"));
        }
        Instant now = clock.instant();
        List<KeyRateLimits.PlannedLimit> plan = KeyRateLimits.plan(caller.apiKey(), now);
        return limiter.check(plan.stream().map(KeyRateLimits.PlannedLimit::counter).toList())
                .handle((results, failure) -> {
                    if (failure != null) {
                        LOG.warn("Rate limiter unavailable, refusing a send of key {}: {}", caller.keyId(),
                                failure.toString());
                        return refused(ApiError.of(ErrorCode.RATE_LIMITER_UNAVAILABLE,
                                "Rate limits cannot be checked right now; nothing was queued. Retry shortly."));
                    }
                    RateLimitDecision decision = KeyRateLimits.decide(plan, results, now);
                    if (!decision.allowed()) {
                        return refused(tooMany(decision), decision);
                    }
                    return queue(caller, account, request, now, decision);
                })
                .thenCompose(outcome -> outcome);
    }

    private CompletableFuture<SendOutcome> queue(Caller caller, Account account, TextMessageRequest request,
                                                 Instant now, RateLimitDecision decision) {
        UUID messageId = UUID.randomUUID();
        SendCommand command = commands.text(messageId, caller, account, request, now);
        String key = Topics.sendCommandKey(account.getPhoneNumberId(), request.to());
        return publisher.publish(key, command).handle((metadata, failure) -> {
            if (failure != null) {
                LOG.warn("Kafka did not acknowledge message {} to {}: {}", messageId, Redaction.phone(request.to()),
                        failure.toString());
                return SendOutcome.refused(ApiError.of(ErrorCode.SERVICE_UNAVAILABLE,
                        "The message could not be queued; it was not accepted. Retry shortly."),
                        decision.perMinute());
            }
            metrics.accepted("text");
            LOG.debug("Queued message {} to {} at {}", messageId, Redaction.phone(request.to()), metadata);
            return SendOutcome.queued(messageId.toString(), request.to(), request.reference(), decision.perMinute());
        });
    }

    private ApiError tooMany(RateLimitDecision decision) {
        KeyRateLimits.PlannedLimit limit = decision.refusedBy();
        metrics.rateLimited(limit.kind().publicName());
        return new ApiError(ErrorCode.RATE_LIMIT_EXCEEDED,
                "Rate limit exceeded: " + limit.kind().describe(limit.counter().limit()) + ". Retry after "
                        + decision.retryAfterSeconds() + " seconds.",
                decision.retryAfterSeconds(), limit.kind().publicName());
    }

    private static CompletableFuture<SendOutcome> refused(ApiError error) {
        return CompletableFuture.completedFuture(SendOutcome.refused(error, null));
    }

    private static CompletableFuture<SendOutcome> refused(ApiError error, RateLimitDecision decision) {
        return CompletableFuture.completedFuture(SendOutcome.refused(error, decision.perMinute()));
    }
}

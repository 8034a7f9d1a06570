package io.switchboard.ingress.send;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;
import io.switchboard.ingress.IngressConfiguration;
import io.switchboard.ingress.auth.ApiKeyAuthenticator;
import io.switchboard.ingress.auth.CallerAccounts;
import io.switchboard.ingress.auth.Caller;
import io.switchboard.ingress.http.ApiError;
import io.switchboard.ingress.http.BodyLimits;
import io.switchboard.ingress.http.ErrorCode;
import io.switchboard.ingress.idempotency.IdempotencyKeys;
import io.switchboard.ingress.idempotency.IdempotencyStore;
import io.switchboard.ingress.kafka.SendCommandPublisher;
import io.switchboard.ingress.ratelimit.GateResult;
import io.switchboard.ingress.ratelimit.KeyRateLimits;
import io.switchboard.ingress.ratelimit.RateLimitDecision;
import io.switchboard.ingress.ratelimit.RedisRateLimiter;
import io.switchboard.ingress.ratelimit.SendGate;
import io.switchboard.ingress.status.AcceptedMessages;
import io.switchboard.cloudapi.CloudApiRequestMapper;
import io.switchboard.ingress.support.IngressMetrics;
import io.switchboard.ingress.support.SendTimer;
import io.switchboard.ingress.window.CustomerWindows;
import io.switchboard.schemas.Redaction;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.Account;
import io.switchboard.schemas.avro.SendCommand;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts a message on any send endpoint: authenticate (401; a disabled or deleted account 403) → permission (403) →
 * body (415/400) → the key's account and its ownership of the sending number (403) → the endpoint's own validation (400/404/422) → the Idempotency-Key's form (400) → the send gate, one Redis
 * round trip (idempotency replay/409/422, customer-service window 422, limits 429; 503 when Redis cannot answer) →
 * content (media upload) → send command on Kafka, answered only once the broker acknowledged it (503 when it does
 * not in time). Invalid requests stop before Redis, so they consume no quota; refused requests are not counted.
 * A simulated send runs every check, counts nothing, claims no Idempotency-Key and queues nothing.
 */
@Singleton
public class SendService {

    private static final Logger LOG = LoggerFactory.getLogger(SendService.class);
    /** The dispatcher's own mapping (shared module), so simulate mode shows exactly what would be sent. */
    private static final CloudApiRequestMapper CLOUD_API = new CloudApiRequestMapper();

    private final ApiKeyAuthenticator authenticator;
    private final CallerAccounts accounts;
    private final RedisRateLimiter limiter;
    private final SendCommandFactory commands;
    private final SendCommandPublisher publisher;
    private final IdempotencyStore idempotency;
    private final SendRefusals refusals;
    private final IngressConfiguration config;
    private final IngressMetrics metrics;
    private final Clock clock;
    private final AcceptedMessages acceptedMessages;

    public SendService(ApiKeyAuthenticator authenticator, CallerAccounts accounts, RedisRateLimiter limiter,
                       SendCommandFactory commands, SendCommandPublisher publisher, IdempotencyStore idempotency,
                       SendRefusals refusals, IngressConfiguration config, IngressMetrics metrics, Clock clock,
                       AcceptedMessages acceptedMessages) {
        this.authenticator = authenticator;
        this.accounts = accounts;
        this.limiter = limiter;
        this.commands = commands;
        this.publisher = publisher;
        this.idempotency = idempotency;
        this.refusals = refusals;
        this.config = config;
        this.metrics = metrics;
        this.clock = clock;
        this.acceptedMessages = acceptedMessages;
    }

    public CompletableFuture<SendOutcome> send(SendEndpoint endpoint, SendCall call) {
        SendTimer timer = SendTimer.start();
        long limit = endpoint.name().equals("media") ? config.getMaxMediaBodySize() : config.getMaxBodySize();
        if (call.body() != null && call.body().length > limit) {
            return refused(BodyLimits.tooLarge(limit));
        }
        ApiKeyAuthenticator.Result auth = authenticator.authenticate(call.apiKey(), endpoint.operation());
        if (auth.isRefused()) {
            return refused(auth.error());
        }
        Caller caller = auth.caller();
        PreparedSend send;
        Account account;
        SendGate.IdempotencyClaim claim;
        try {
            ObjectNode body = JsonBodies.readObject(call.contentType(), call.body());
            CallerAccounts.Resolved resolved = accounts.of(caller);
            if (resolved.error() != null) {
                return refused(resolved.error());
            }
            account = resolved.account();
            send = endpoint.preparer().prepare(body, account);
            claim = call.simulate() ? null : IdempotencyKeys.claim(call.idempotencyKey(), caller.keyId(),
                    endpoint.name(), call.body(), config.getIdempotencyInFlightTtl());
        } catch (InvalidRequestException e) {
            return refused(e.error());
        }
        Instant now = clock.instant();
        List<KeyRateLimits.PlannedLimit> plan = KeyRateLimits.plan(caller.apiKey(), send.to(),
                config.getPerRecipientLimit(), now);
        String windowKey = send.freeForm() && config.isEnforceWindow()
                ? CustomerWindows.redisKey(account.getPhoneNumberId(), send.to()) : null;
        // The id is chosen before the gate, which records the accepted message in the same round trip, so a status
        // query right after the 202 is answered even before the projector has seen the message.
        UUID messageId = UUID.randomUUID();
        SendGate gate = new SendGate(plan.stream().map(KeyRateLimits.PlannedLimit::counter).toList(), windowKey,
                claim, !call.simulate(), call.simulate() ? null : acceptedMessages.record(messageId,
                account.getAccountId(), send.to(), send.reference(), send.kind(), now));
        SendTimer.gateCalled(timer);
        return limiter.gate(gate)
                .handle((result, failure) -> {
                    SendTimer.gated(timer);
                    if (failure != null) {
                        LOG.warn("Rate limiter unavailable, refusing a send of key {}: {}", caller.keyId(),
                                failure.toString());
                        return refused(ApiError.of(ErrorCode.RATE_LIMITER_UNAVAILABLE,
                                "Rate limits cannot be checked right now; nothing was queued. Retry shortly."));
                    }
                    RateLimitDecision decision = KeyRateLimits.decide(plan, result.counters(), now);
                    if (result.verdict() != GateResult.Verdict.ALLOWED) {
                        return CompletableFuture.completedFuture(refusals.outcome(result, decision));
                    }
                    return call.simulate() ? simulate(caller, account, send, now, decision)
                            : queue(messageId, caller, account, send, now, decision, claim, call.answerOn(), timer);
                })
                .thenCompose(outcome -> outcome);
    }

    private CompletableFuture<SendOutcome> simulate(Caller caller, Account account, PreparedSend send, Instant now,
                                                    RateLimitDecision decision) {
        UUID messageId = UUID.randomUUID();
        SendCommand.Builder builder = commands.envelope(messageId, caller, account, send.to(), send.reference(), now);
        return send.fill(builder, true).thenApply(done -> SendOutcome.simulated(send,
                CLOUD_API.toJson(builder.build()), decision.perMinute()));
    }

    private CompletableFuture<SendOutcome> queue(UUID messageId, Caller caller, Account account, PreparedSend send,
                                                 Instant now, RateLimitDecision decision,
                                                 SendGate.IdempotencyClaim claim, @Nullable Executor answerOn,
                                                 @Nullable SendTimer timer) {
        SendCommand.Builder builder = commands.envelope(messageId, caller, account, send.to(), send.reference(), now);
        String key = Topics.sendCommandKey(account.getPhoneNumberId(), send.to());
        return send.fill(builder, false)
                .thenCompose(done -> publisher.publish(key, builder.build(), answerOn, timer)
                        .handle((metadata, failure) -> {
                            SendTimer.finished(timer);
                            if (failure != null) {
                                LOG.warn("Kafka did not acknowledge message {} to {}: {}", messageId,
                                        Redaction.phone(send.to()), failure.toString());
                                throw new ContentException(ApiError.of(ErrorCode.SERVICE_UNAVAILABLE,
                                        "The message could not be queued; it was not accepted. Retry shortly."));
                            }
                            metrics.accepted(send.kind());
                            LOG.debug("Queued message {} to {} at {}", messageId, Redaction.phone(send.to()),
                                    metadata);
                            return SendOutcome.queued(messageId.toString(), send, decision.perMinute());
                        }))
                .thenCompose(outcome -> claim == null ? CompletableFuture.completedFuture(outcome)
                        : idempotency.complete(claim, new IdempotencyStore.StoredAnswer(outcome.messageId(),
                                outcome.to(), outcome.reference(), outcome.warnings())).thenApply(stored -> outcome))
                .exceptionallyCompose(failure -> {
                    ApiError error = ContentException.errorOf(failure);
                    if (error.code() == ErrorCode.INTERNAL_ERROR) {
                        LOG.error("Unexpected failure queueing message {}", messageId, failure);
                    }
                    SendOutcome refused = SendOutcome.refused(error, decision.perMinute());
                    acceptedMessages.forget(messageId).exceptionally(notForgotten -> null);
                    return claim == null ? CompletableFuture.completedFuture(refused)
                            : idempotency.release(claim).thenApply(released -> refused);
                });
    }

    private static CompletableFuture<SendOutcome> refused(ApiError error) {
        return CompletableFuture.completedFuture(SendOutcome.refused(error, null));
    }
}

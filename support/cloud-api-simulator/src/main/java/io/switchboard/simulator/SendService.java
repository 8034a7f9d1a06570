package io.switchboard.simulator;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Answers {@code POST /{version}/{phone-number-id}/messages} as the Cloud API would. In order: the bearer token must
 * be the configured one ({@link AccessTokens}, else 401, code 190); the body must be valid JSON that
 * {@link SendRequestValidator} accepts and {@link SendPolicy} allows (media ids, templates, the customer-service
 * window; else 400 with Meta's envelope); an accepted message gets a new wamid, is remembered in
 * {@link SentMessages} and has its status webhooks started (a single {@code failed} status when the policy says
 * the send fails later). Between the policy and the acceptance come the faults of the plan in force
 * ({@link Faults}): the throughput and pair rate limits ({@link RateLimiters}, 130429 / 131056), then injected
 * errors; an accepted send may have its answer held back (a timeout after the request was read) and its webhooks
 * bent. Every answer, error or not, waits the plan's latency first, on a scheduler rather than on the calling
 * (event-loop) thread. {@link SendStats} counts every outcome.
 */
@Singleton
public class SendService {

    private static final Logger LOG = LoggerFactory.getLogger(SendService.class);

    private final AccessTokens tokens;
    private final SendPolicy policy;
    private final Faults faults;
    private final RateLimiters limiters;
    private final SendStats stats;
    private final JsonMapper json;
    private final SendRequestValidator validator;
    private final SentMessages sentMessages;
    private final StatusWebhooks statusWebhooks;
    private final ScheduledExecutorService scheduler;
    private final MeterRegistry meters;

    public SendService(AccessTokens tokens, SendPolicy policy, Faults faults, RateLimiters limiters,
                       SendStats stats, JsonMapper json, SendRequestValidator validator, SentMessages sentMessages,
                       StatusWebhooks statusWebhooks,
                       @Named(SimulatorScheduler.NAME) ScheduledExecutorService scheduler, MeterRegistry meters) {
        this.tokens = tokens;
        this.policy = policy;
        this.faults = faults;
        this.limiters = limiters;
        this.stats = stats;
        this.json = json;
        this.validator = validator;
        this.sentMessages = sentMessages;
        this.statusWebhooks = statusWebhooks;
        this.scheduler = scheduler;
        this.meters = meters;
    }

    /**
     * An HTTP status and the JSON body to answer with.
     *
     * @param holdMillis how long the answer is held back after the send was accepted (a timeout fault); 0: none
     */
    public record Answer(int status, Object body, long holdMillis) {

        public Answer(int status, Object body) {
            this(status, body, 0);
        }
    }

    public CompletableFuture<Answer> send(String phoneNumberId, @Nullable String authorization, @Nullable byte[] body) {
        ActiveFaults active = faults.active();
        long latencyMillis = active.latencyMillis();
        // When the request arrived, before the latency: the caller's side of the round trip, for /_sim/messages.
        Instant received = Instant.now();
        CompletableFuture<Answer> result = new CompletableFuture<>();
        Runnable answer = () -> {
            try {
                Answer answered = answer(active, phoneNumberId, authorization, body, received);
                if (answered.holdMillis() > 0) {
                    scheduler.schedule(() -> result.complete(answered), answered.holdMillis(), TimeUnit.MILLISECONDS);
                } else {
                    result.complete(answered);
                }
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        };
        if (latencyMillis <= 0) {
            answer.run();
        } else {
            scheduler.schedule(answer, latencyMillis, TimeUnit.MILLISECONDS);
        }
        return result;
    }

    private Answer answer(ActiveFaults active, String phoneNumberId, @Nullable String authorization,
                          @Nullable byte[] body, Instant received) {
        try {
            tokens.check(authorization);
            JsonNode request = parse(body);
            ValidatedRequest validated = validator.validate(request);
            if (validated instanceof ValidatedRequest.MessageSend send) {
                SendPolicy.Decision decision = policy.check(phoneNumberId, send, request);
                checkLimits(active, phoneNumberId, send.waId());
                GraphError injected = active.injectedError(phoneNumberId, send.waId());
                if (injected != null) {
                    throw injected.exception();
                }
                return accept(active, phoneNumberId, send, request, decision, received);
            }
            meters.counter("simulator.reads").increment();
            return new Answer(200, new SendResponse.Success(true));
        } catch (GraphErrorException e) {
            GraphError error = e.error();
            meters.counter("simulator.sends.rejected", "code", Integer.toString(error.code())).increment();
            stats.refused(phoneNumberId, error.code());
            LOG.info("Rejected a send on {}: ({}) {}", phoneNumberId, error.code(), error.details());
            return new Answer(error.httpStatus(), error.toEnvelope());
        }
    }

    private void checkLimits(ActiveFaults active, String phoneNumberId, String waId) {
        FaultPlan plan = active.plan();
        switch (limiters.acquire(plan, phoneNumberId, waId)) {
            case THROUGHPUT -> throw withStatus(ErrorCatalog.error(ErrorCatalog.THROUGHPUT),
                    plan.throughput().httpStatus()).exception();
            case PAIR_RATE -> throw withStatus(ErrorCatalog.error(ErrorCatalog.PAIR_RATE),
                    plan.pairRate().httpStatus()).exception();
            default -> {
                // within both limits
            }
        }
    }

    private static GraphError withStatus(GraphError error, int httpStatus) {
        return new GraphError(httpStatus, error.code(), error.title(), error.details());
    }

    private Answer accept(ActiveFaults active, String phoneNumberId, ValidatedRequest.MessageSend send,
                          JsonNode request, SendPolicy.Decision decision, Instant received) {
        String wamid = Identifiers.newWamid();
        SentMessage message = new SentMessage(wamid, phoneNumberId, send.to(), send.waId(), send.type(),
                send.bizOpaqueCallbackData(), Instant.now().toString(), request, decision.templateCategory(),
                received.toString());
        sentMessages.add(message);
        if (decision.failure() == null) {
            statusWebhooks.start(message, active.statusFaults(phoneNumberId, send.waId()));
        } else {
            statusWebhooks.fail(message, decision.failure());
        }
        long holdMillis = active.holdMillis(phoneNumberId, send.waId());
        stats.accepted(phoneNumberId, holdMillis > 0);
        meters.counter("simulator.sends.accepted", "type", send.type()).increment();
        if (holdMillis > 0) {
            meters.counter("simulator.sends.held").increment();
            LOG.info("Accepted {} as {} but holding the answer back {} ms (timeout fault)", send.type(), wamid,
                    holdMillis);
        } else if (LOG.isDebugEnabled()) {
            LOG.debug("Accepted {} to {} as {}", send.type(), Identifiers.maskPhone(send.to()), wamid);
        }
        return new Answer(200, SendResponse.accepted(send, wamid), holdMillis);
    }

    private JsonNode parse(@Nullable byte[] body) {
        if (body == null || body.length == 0) {
            throw GraphError.invalidParameter("The request body is empty.").exception();
        }
        try {
            return json.readValue(body, JsonNode.class);
        } catch (IOException | RuntimeException e) {
            throw GraphError.invalidParameter("The request body is not valid JSON.").exception();
        }
    }
}

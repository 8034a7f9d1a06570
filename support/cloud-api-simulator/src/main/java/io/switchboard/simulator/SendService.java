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
 * the send fails later). Every answer, error or not, waits {@code response-latency} first, on a scheduler
 * rather than on the calling (event-loop) thread. Fault injection is meant to step in between the token check and
 * the validation.
 */
@Singleton
public class SendService {

    private static final Logger LOG = LoggerFactory.getLogger(SendService.class);

    private final AccessTokens tokens;
    private final SendPolicy policy;
    private final long latencyMillis;
    private final JsonMapper json;
    private final SendRequestValidator validator;
    private final SentMessages sentMessages;
    private final StatusWebhooks statusWebhooks;
    private final ScheduledExecutorService scheduler;
    private final MeterRegistry meters;

    public SendService(SimulatorConfig config, AccessTokens tokens, SendPolicy policy, JsonMapper json,
                       SendRequestValidator validator, SentMessages sentMessages, StatusWebhooks statusWebhooks,
                       @Named(SimulatorScheduler.NAME) ScheduledExecutorService scheduler, MeterRegistry meters) {
        this.tokens = tokens;
        this.policy = policy;
        this.latencyMillis = config.getResponseLatency().toMillis();
        this.json = json;
        this.validator = validator;
        this.sentMessages = sentMessages;
        this.statusWebhooks = statusWebhooks;
        this.scheduler = scheduler;
        this.meters = meters;
    }

    /** An HTTP status and the JSON body to answer with. */
    public record Answer(int status, Object body) {
    }

    public CompletableFuture<Answer> send(String phoneNumberId, @Nullable String authorization, @Nullable byte[] body) {
        if (latencyMillis <= 0) {
            return CompletableFuture.completedFuture(answer(phoneNumberId, authorization, body));
        }
        CompletableFuture<Answer> result = new CompletableFuture<>();
        scheduler.schedule(() -> {
            try {
                result.complete(answer(phoneNumberId, authorization, body));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        }, latencyMillis, TimeUnit.MILLISECONDS);
        return result;
    }

    private Answer answer(String phoneNumberId, @Nullable String authorization, @Nullable byte[] body) {
        try {
            tokens.check(authorization);
            JsonNode request = parse(body);
            ValidatedRequest validated = validator.validate(request);
            if (validated instanceof ValidatedRequest.MessageSend send) {
                return accept(phoneNumberId, send, request, policy.check(phoneNumberId, send, request));
            }
            meters.counter("simulator.reads").increment();
            return new Answer(200, new SendResponse.Success(true));
        } catch (GraphErrorException e) {
            GraphError error = e.error();
            meters.counter("simulator.sends.rejected", "code", Integer.toString(error.code())).increment();
            LOG.info("Rejected a send on {}: ({}) {}", phoneNumberId, error.code(), error.details());
            return new Answer(error.httpStatus(), error.toEnvelope());
        }
    }

    private Answer accept(String phoneNumberId, ValidatedRequest.MessageSend send, JsonNode request,
                          SendPolicy.Decision decision) {
        String wamid = Identifiers.newWamid();
        SentMessage message = new SentMessage(wamid, phoneNumberId, send.to(), send.waId(), send.type(),
                send.bizOpaqueCallbackData(), Instant.now().toString(), request, decision.templateCategory());
        sentMessages.add(message);
        if (decision.failure() == null) {
            statusWebhooks.start(message);
        } else {
            statusWebhooks.fail(message, decision.failure());
        }
        meters.counter("simulator.sends.accepted", "type", send.type()).increment();
        if (LOG.isDebugEnabled()) {
            LOG.debug("Accepted {} to {} as {}", send.type(), Identifiers.maskPhone(send.to()), wamid);
        }
        return new Answer(200, SendResponse.accepted(send, wamid));
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

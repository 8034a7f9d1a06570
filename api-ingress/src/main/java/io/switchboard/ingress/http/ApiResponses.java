package io.switchboard.ingress.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.switchboard.ingress.ratelimit.RateWindow;
import io.switchboard.ingress.send.SendOutcome;
import io.switchboard.ingress.status.MessageStatusView;
import io.switchboard.ingress.support.IngressMetrics;
import io.switchboard.ingress.support.Timestamps;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;

/**
 * Turns outcomes into HTTP answers: the envelope, the status, {@code X-Request-Id}, and where a rate limit was
 * consulted the {@code RateLimit-*} headers (limit, remaining, seconds until reset) and on 429 {@code Retry-After}.
 * Every error answer is counted here, whichever path produced it.
 */
@Singleton
public class ApiResponses {

    /** Set on the replayed answer of an Idempotency-Key. */
    public static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final IngressMetrics metrics;
    private final Clock clock;

    public ApiResponses(IngressMetrics metrics, Clock clock) {
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * 202 for a queued message; a replay of an Idempotency-Key's first answer says so in a header. The body is written
     * as bytes by {@link AcceptedJson} (the shape of {@link Envelopes.AcceptedEnvelope}).
     */
    public MutableHttpResponse<?> accepted(String requestId, Envelopes.MessageAccepted data, RateWindow window,
                                           boolean replayed) {
        MutableHttpResponse<byte[]> response =
                HttpResponse.<byte[]>status(HttpStatus.ACCEPTED).body(AcceptedJson.write(data, requestId, window));
        if (replayed) {
            response.header(IDEMPOTENT_REPLAYED, "true");
        }
        return decorate(response, requestId, window);
    }

    /** The answer to a send: its error, the simulated request, or the 202 (a replay says so). */
    public MutableHttpResponse<?> send(String requestId, SendOutcome outcome) {
        if (outcome.error() != null) {
            return error(requestId, outcome.error(), outcome.window());
        }
        if (outcome.isSimulated()) {
            return simulated(requestId, outcome);
        }
        return accepted(requestId, new Envelopes.MessageAccepted(outcome.messageId(), "queued",
                outcome.to(), outcome.reference(), outcome.warnings().isEmpty() ? null : outcome.warnings()),
                outcome.window(), outcome.replayed());
    }

    /** 200 with any JSON data (template queries). */
    public MutableHttpResponse<?> okJson(String requestId, com.fasterxml.jackson.databind.JsonNode data) {
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("success", true);
        envelope.set("data", data);
        envelope.putObject("meta").put("request_id", requestId);
        return decorate(HttpResponse.ok(envelope.toString()), requestId, null);
    }

    /** 200 with a list as {@code data} and its {@code meta.pagination} (the inbound message listing). */
    public MutableHttpResponse<?> okPage(String requestId, com.fasterxml.jackson.databind.node.ArrayNode data,
                                         ObjectNode pagination) {
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("success", true);
        envelope.set("data", data);
        ObjectNode meta = envelope.putObject("meta");
        meta.put("request_id", requestId);
        meta.set("pagination", pagination);
        return decorate(HttpResponse.ok(envelope.toString()), requestId, null);
    }

    /** 200 for a simulated send: what would have been sent to the Cloud API, nothing queued. */
    public MutableHttpResponse<?> simulated(String requestId, SendOutcome outcome) {
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("success", true);
        ObjectNode data = envelope.putObject("data");
        data.put("simulated", true);
        data.put("status", "simulated");
        data.put("to", outcome.to());
        data.put("reference", outcome.reference());
        if (!outcome.warnings().isEmpty()) {
            outcome.warnings().forEach(data.putArray("warnings")::add);
        }
        data.set("whatsapp_request", outcome.whatsappRequest());
        ObjectNode meta = envelope.putObject("meta");
        meta.put("request_id", requestId);
        RateWindow window = outcome.window();
        if (window != null) {
            meta.putObject("rate_limit").put("limit", window.limit()).put("remaining", window.remaining())
                    .put("reset_at", Timestamps.iso(window.resetAt()));
        }
        return decorate(HttpResponse.ok(envelope.toString()), requestId, window);
    }

    public MutableHttpResponse<?> status(String requestId, MessageStatusView view) {
        Envelopes.Meta meta = new Envelopes.Meta(requestId, null);
        return decorate(HttpResponse.ok(new Envelopes.StatusEnvelope(true, view, meta)), requestId, null);
    }

    public MutableHttpResponse<?> error(String requestId, ApiError error, @Nullable RateWindow window) {
        metrics.rejected(error.code().name());
        Envelopes.Meta meta = new Envelopes.Meta(requestId, rateLimitMeta(window));
        MutableHttpResponse<Envelopes.ErrorEnvelope> response =
                HttpResponse.<Envelopes.ErrorEnvelope>status(error.code().status())
                        .body(Envelopes.ErrorEnvelope.of(error, meta));
        if (error.retryAfterSeconds() != null) {
            response.header(HttpHeaders.RETRY_AFTER, Long.toString(error.retryAfterSeconds()));
        }
        return decorate(response, requestId, window);
    }

    /** The envelope for an error produced by the framework (unknown path, oversized body...), on its own response. */
    public Envelopes.ErrorEnvelope frameworkError(String requestId, ApiError error) {
        metrics.rejected(error.code().name());
        return Envelopes.ErrorEnvelope.of(error, new Envelopes.Meta(requestId, null));
    }

    private <T> MutableHttpResponse<T> decorate(MutableHttpResponse<T> response, String requestId,
                                                @Nullable RateWindow window) {
        response.contentType(MediaType.APPLICATION_JSON_TYPE);
        response.header(RequestIds.HEADER, requestId);
        if (window != null) {
            long resetSeconds = Math.max(0, ceilSeconds(Duration.between(clock.instant(), window.resetAt())));
            response.header("RateLimit-Limit", Long.toString(window.limit()));
            response.header("RateLimit-Remaining", Long.toString(window.remaining()));
            response.header("RateLimit-Reset", Long.toString(resetSeconds));
        }
        return response;
    }

    private static Envelopes.RateLimitMeta rateLimitMeta(@Nullable RateWindow window) {
        return window == null ? null
                : new Envelopes.RateLimitMeta(window.limit(), window.remaining(), Timestamps.iso(window.resetAt()));
    }

    static long ceilSeconds(Duration duration) {
        long millis = duration.toMillis();
        return millis <= 0 ? 0 : (millis + 999) / 1000;
    }
}

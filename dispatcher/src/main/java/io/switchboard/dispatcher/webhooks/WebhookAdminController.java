package io.switchboard.dispatcher.webhooks;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.switchboard.dispatcher.AdminAuthenticator;
import io.switchboard.schemas.avro.WebhookAttempt;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Operator endpoints for customer webhooks on the dispatcher's admin API, behind the same
 * {@code Authorization: Bearer <switchboard.dispatcher.admin-token>}: the delivery log of one event (every attempt
 * with time, HTTP status, latency, error, outcome) and the replay of an endpoint's events in a time range (same
 * webhook ids). Thin: it checks the token and delegates to {@link DeliveryLog}; both read Kafka, so they run on the
 * blocking I/O pool, never on an event loop.
 */
@Controller("/admin/webhooks")
@Requires(beans = CustomerWebhooks.class)
@ExecuteOn(TaskExecutors.BLOCKING)
public class WebhookAdminController {

    private final CustomerWebhooks webhooks;
    private final AdminAuthenticator auth;

    public WebhookAdminController(CustomerWebhooks webhooks, AdminAuthenticator auth) {
        this.webhooks = webhooks;
        this.auth = auth;
    }

    @Get("/deliveries/{webhookId}")
    public HttpResponse<?> attempts(@PathVariable String webhookId,
                                    @Header("Authorization") @Nullable String authorization,
                                    HttpRequest<?> request) {
        var refusal = auth.refusal(request, authorization);
        if (refusal.isPresent()) {
            return refusal.get();
        }
        List<Map<String, Object>> attempts = webhooks.log().attempts(webhookId).stream()
                .map(WebhookAdminController::view).toList();
        if (attempts.isEmpty()) {
            return HttpResponse.status(HttpStatus.NOT_FOUND).body(Map.of("code", "WEBHOOK_NOT_FOUND",
                    "webhook_id", webhookId));
        }
        return HttpResponse.ok(Map.of("webhook_id", webhookId, "attempts", attempts));
    }

    @Post("/endpoints/{endpointId}/replay{?from,to}")
    public HttpResponse<?> replay(@PathVariable String endpointId, @QueryValue @Nullable String from,
                                  @QueryValue @Nullable String to,
                                  @Header("Authorization") @Nullable String authorization,
                                    HttpRequest<?> request) {
        var refusal = auth.refusal(request, authorization);
        if (refusal.isPresent()) {
            return refusal.get();
        }
        Instant start;
        Instant end;
        try {
            start = Instant.parse(from);
            end = to == null ? Instant.now() : Instant.parse(to);
        } catch (DateTimeParseException | NullPointerException e) {
            return HttpResponse.badRequest(Map.of("code", "INVALID_TIME_RANGE",
                    "message", "from (required) and to are ISO-8601 instants, e.g. 2025-12-23T14:00:00Z"));
        }
        List<String> replayed = webhooks.log().replay(endpointId, start, end);
        return HttpResponse.ok(Map.of("endpoint_id", endpointId, "replayed", replayed.size(),
                "webhook_ids", replayed));
    }

    private static Map<String, Object> view(WebhookAttempt attempt) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("attempt", attempt.getAttempt());
        view.put("at", CustomerEvent.timestamp(attempt.getAt()));
        view.put("endpoint_id", attempt.getEndpointId());
        view.put("event", attempt.getEvent());
        view.put("http_status", attempt.getHttpStatus());
        view.put("latency_ms", attempt.getLatencyMs());
        view.put("error", attempt.getError());
        view.put("outcome", attempt.getOutcome());
        view.put("replay", attempt.getReplay());
        return view;
    }
}

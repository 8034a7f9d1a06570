package io.switchboard.dispatcher.webhooks;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.schemas.avro.WebhookAttempt;
import java.time.Duration;
import java.time.Instant;

/**
 * Records what happened to an event at an endpoint: one {@code webhook-attempts} record per attempt (time, HTTP
 * status, latency, error, outcome) and per drop, and the matching metrics. The record is written asynchronously and
 * never holds up delivery; a lost log record loses no event.
 */
final class AttemptLog {

    static final String DELIVERED = "DELIVERED";
    static final String RETRYING = "RETRYING";
    static final String GAVE_UP = "GAVE_UP";
    static final String DROPPED = "DROPPED";

    private final WebhookRecords records;
    private final MeterRegistry meters;
    private final WebhookMetrics metrics;

    AttemptLog(WebhookRecords records, MeterRegistry meters, WebhookMetrics metrics) {
        this.records = records;
        this.meters = meters;
        this.metrics = metrics;
    }

    void attempt(LaneItem item, Instant at, Integer status, long latencyMs, String error, String outcome) {
        meters.counter("webhooks.attempts", "outcome", outcome, "event", item.record.getEvent()).increment();
        if (!DROPPED.equals(outcome)) {
            meters.timer("webhooks.latency").record(Duration.ofMillis(latencyMs));
        }
        records.attempt(WebhookAttempt.newBuilder().setWebhookId(item.record.getWebhookId())
                .setEndpointId(item.record.getEndpointId()).setEvent(item.record.getEvent())
                .setAttempt(item.attempts).setAt(at).setHttpStatus(status).setLatencyMs(latencyMs).setError(error)
                .setOutcome(outcome).setReplay(item.record.getReplay()).build());
    }

    /** An event dropped without an attempt; {@code why} is logged as the error and named by a fixed metric label. */
    void dropped(LaneItem item, Instant at, String why) {
        attempt(item, at, null, 0, why, DROPPED);
        metrics.dropped(label(why));
    }

    /** The bounded label of a drop's reason. */
    static String label(String why) {
        return switch (why) {
            case "endpoint deleted", "endpoint disabled", "account deleted", "account disabled" ->
                    why.replace(' ', '_');
            default -> why.startsWith("secret") ? "secret_undecryptable" : "other";
        };
    }

    void parked() {
        meters.counter("webhooks.parked").increment();
    }
}

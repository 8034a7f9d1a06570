package io.switchboard.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * The service's meters, exposed on {@code GET /prometheus}: webhooks received and rejected (by reason), records
 * published (statuses, inbound messages) and how long Kafka took to acknowledge a whole POST (by outcome).
 */
@Singleton
public final class WebhookMetrics {

    /** Why a webhook was refused. */
    public enum Rejection { SIGNATURE, MALFORMED }

    /** How a POST's publication ended. */
    public enum PublishOutcome { ACKED, FAILED, TIMEOUT }

    private final MeterRegistry registry;
    private final Counter received;
    private final Counter statusesPublished;
    private final Counter inboundPublished;

    public WebhookMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.received = Counter.builder("switchboard.webhook.received")
                .description("Webhook POSTs received, before the signature check").register(registry);
        this.statusesPublished = Counter.builder("switchboard.webhook.statuses.published")
                .description("StatusUpdate records acknowledged by Kafka").register(registry);
        this.inboundPublished = Counter.builder("switchboard.webhook.inbound.published")
                .description("InboundMessage records acknowledged by Kafka").register(registry);
        for (Rejection reason : Rejection.values()) {
            rejectedCounter(reason);
        }
    }

    void received() {
        received.increment();
    }

    void rejected(Rejection reason) {
        rejectedCounter(reason).increment();
    }

    void published(int statuses, int inbound) {
        statusesPublished.increment(statuses);
        inboundPublished.increment(inbound);
    }

    void publishLatency(PublishOutcome outcome, Duration elapsed) {
        Timer.builder("switchboard.webhook.publish.latency")
                .description("Time from the first send of a POST's records to Kafka's acknowledgement of all of them")
                .tag("outcome", outcome.name().toLowerCase())
                .register(registry)
                .record(elapsed);
    }

    private Counter rejectedCounter(Rejection reason) {
        return Counter.builder("switchboard.webhook.rejected")
                .description("Webhook POSTs refused: bad signature (401) or not a JSON object (400)")
                .tag("reason", reason.name().toLowerCase())
                .register(registry);
    }
}

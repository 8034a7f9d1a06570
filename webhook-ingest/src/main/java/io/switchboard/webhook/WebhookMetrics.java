package io.switchboard.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The service's meters, exposed on {@code GET /prometheus}: webhooks received and rejected (by reason), records
 * published (statuses, inbound messages), redelivered records dropped (by kind), POSTs published without
 * deduplication because Redis did not answer, and how long Kafka took to acknowledge a whole POST (by outcome).
 */
@Singleton
public final class WebhookMetrics {

    /** Why a webhook was refused. */
    public enum Rejection { SIGNATURE, MALFORMED }

    /** How a POST's publication ended. */
    public enum PublishOutcome { ACKED, FAILED, TIMEOUT }

    private final Counter received;
    private final Counter statusesPublished;
    private final Counter inboundPublished;
    private final Counter duplicateStatuses;
    private final Counter duplicateMessages;
    private final Counter dedupUnavailable;
    private final Map<Rejection, Counter> rejected = new EnumMap<>(Rejection.class);
    private final Map<PublishOutcome, Timer> publishLatency = new EnumMap<>(PublishOutcome.class);

    public WebhookMetrics(MeterRegistry registry) {
        this.received = Counter.builder("switchboard.webhook.received")
                .description("Webhook POSTs received, before the signature check").register(registry);
        this.statusesPublished = Counter.builder("switchboard.webhook.statuses.published")
                .description("StatusUpdate records acknowledged by Kafka").register(registry);
        this.inboundPublished = Counter.builder("switchboard.webhook.inbound.published")
                .description("InboundMessage records acknowledged by Kafka").register(registry);
        this.duplicateStatuses = duplicates(registry, "status");
        this.duplicateMessages = duplicates(registry, "inbound");
        this.dedupUnavailable = Counter.builder("switchboard.webhook.dedup.unavailable")
                .description("Webhook POSTs published without deduplication because Redis did not answer")
                .register(registry);
        for (Rejection reason : Rejection.values()) {
            rejected.put(reason, Counter.builder("switchboard.webhook.rejected")
                    .description("Webhook POSTs refused: bad signature (401) or not a JSON object (400)")
                    .tag("reason", reason.name().toLowerCase(Locale.ROOT))
                    .register(registry));
        }
        for (PublishOutcome outcome : PublishOutcome.values()) {
            publishLatency.put(outcome, Timer.builder("switchboard.webhook.publish.latency")
                    .description("From handing a POST's records to the producer to Kafka acknowledging all of them")
                    .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                    .register(registry));
        }
    }

    private static Counter duplicates(MeterRegistry registry, String kind) {
        return Counter.builder("switchboard.webhook.duplicates.dropped")
                .description("Records not published because the same one was already published (Meta redelivery)")
                .tag("kind", kind).register(registry);
    }

    void duplicatesDropped(int statuses, int inbound) {
        duplicateStatuses.increment(statuses);
        duplicateMessages.increment(inbound);
    }

    void dedupUnavailable() {
        dedupUnavailable.increment();
    }

    void received() {
        received.increment();
    }

    void rejected(Rejection reason) {
        rejected.get(reason).increment();
    }

    void published(int statuses, int inbound) {
        statusesPublished.increment(statuses);
        inboundPublished.increment(inbound);
    }

    void publishLatency(PublishOutcome outcome, Duration elapsed) {
        publishLatency.get(outcome).record(elapsed);
    }
}

package io.switchboard.dispatcher.webhooks;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Customer-webhook meters named once here (besides the attempt log's): {@code webhooks_backlog{endpoint}} (events
 * this instance holds for an endpoint: waiting for a connection or their lane's head, or parked for a retry; the
 * {@code metrics-max-endpoints} largest backlogs by endpoint id, the rest summed as {@code endpoint="other"}, so the
 * label set stays bounded however many endpoints exist), {@code webhooks_dropped_total{reason}} (events given up without an
 * attempt, by why) and {@code webhooks_events_unrouted_total{reason}} (events the fan-out wrote for no endpoint: the
 * account is deleted, or no account owns the number). Consumer lag is {@link ConsumerLag}'s.
 */
final class WebhookMetrics {

    /** The row that sums every endpoint beyond the labelled ones. */
    static final String OTHER_ENDPOINTS = "other";

    private final MeterRegistry meters;
    private final MultiGauge backlog;
    private final int maxLabelled;

    WebhookMetrics(MeterRegistry meters, int maxLabelled) {
        this.meters = meters;
        this.maxLabelled = maxLabelled;
        this.backlog = MultiGauge.builder("webhooks.backlog")
                .description("Customer-webhook events held for an endpoint by this instance").register(meters);
        refreshBacklog(Map.of());
    }

    /** Publishes the backlog per endpoint: the largest ones by id, the rest as one row. */
    void refreshBacklog(Map<String, Integer> byEndpoint) {
        List<Map.Entry<String, Integer>> largest = byEndpoint.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .toList();
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        int others = 0;
        for (int i = 0; i < largest.size(); i++) {
            if (i < maxLabelled) {
                rows.add(MultiGauge.Row.of(Tags.of("endpoint", largest.get(i).getKey()), largest.get(i).getValue()));
            } else {
                others += largest.get(i).getValue();
            }
        }
        rows.add(MultiGauge.Row.of(Tags.of("endpoint", OTHER_ENDPOINTS), others));
        backlog.register(rows, true);
    }

    /** An event dropped without an attempt; {@code reason} is one of a few fixed words. */
    void dropped(String reason) {
        Counter.builder("webhooks.dropped").tag("reason", reason)
                .description("Customer-webhook events dropped without an attempt").register(meters).increment();
    }

    /** An event the fan-out addressed to no endpoint. */
    void unrouted(String reason) {
        Counter.builder("webhooks.events.unrouted").tag("reason", reason)
                .description("Customer-webhook events written for no endpoint").register(meters).increment();
    }
}

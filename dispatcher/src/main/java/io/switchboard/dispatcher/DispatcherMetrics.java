package io.switchboard.dispatcher;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The dispatcher's meters, named once here. Prometheus sees them as {@code dispatcher_sends_total{outcome}} (one per
 * Cloud API attempt, by verdict), {@code dispatcher_messages_total{result}} (final results), {@code dispatcher_inflight},
 * {@code dispatcher_cloudapi_latency_seconds}, {@code dispatcher_possible_duplicates_total} (retries after an ambiguous
 * outcome), {@code dispatcher_redelivered_inflight_total} (records given up at revocation or shutdown that the next
 * owner will process again), {@code dispatcher_undecodable_records_total} and {@code dispatcher_publish_retries_total}.
 */
public final class DispatcherMetrics {

    private final MeterRegistry registry;
    private final Map<SendAction, Counter> sends = new EnumMap<>(SendAction.class);
    private final Timer latency;
    private final Counter possibleDuplicates;
    private final Counter redeliveredInflight;
    private final Counter undecodable;
    private final Counter publishRetries;

    public DispatcherMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (SendAction action : SendAction.values()) {
            sends.put(action, Counter.builder("dispatcher.sends").tag("outcome", action.name())
                    .description("Cloud API send attempts by verdict").register(registry));
        }
        this.latency = Timer.builder("dispatcher.cloudapi.latency")
                .description("Latency of Cloud API send calls").publishPercentileHistogram().register(registry);
        this.possibleDuplicates = Counter.builder("dispatcher.possible.duplicates")
                .description("Retries after a request was written but not answered: WhatsApp may deliver twice")
                .register(registry);
        this.redeliveredInflight = Counter.builder("dispatcher.redelivered.inflight")
                .description("Records unfinished at revocation or shutdown, redelivered to the next owner")
                .register(registry);
        this.undecodable = Counter.builder("dispatcher.undecodable.records")
                .description("send-commands records that could not be decoded and were skipped").register(registry);
        this.publishRetries = Counter.builder("dispatcher.publish.retries")
                .description("Event or dead-letter writes to Kafka that failed and were retried").register(registry);
    }

    /** Registers the in-flight gauge; the supplier is read at scrape time. */
    public void inFlightGauge(Supplier<Number> inFlight) {
        io.micrometer.core.instrument.Gauge.builder("dispatcher.inflight", inFlight)
                .description("send-commands records taken from Kafka and not finished yet").register(registry);
    }

    public void attempt(SendAction verdict, Duration callLatency) {
        sends.get(verdict).increment();
        latency.record(callLatency);
    }

    public void result(String result) {
        Counter.builder("dispatcher.messages").tag("result", result)
                .description("Messages finished, by result").register(registry).increment();
    }

    public void possibleDuplicate() {
        possibleDuplicates.increment();
    }

    public void redeliveredInflight(long records) {
        if (records > 0) {
            redeliveredInflight.increment(records);
        }
    }

    public void undecodable() {
        undecodable.increment();
    }

    public void publishRetry() {
        publishRetries.increment();
    }
}

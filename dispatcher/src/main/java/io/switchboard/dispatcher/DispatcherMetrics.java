package io.switchboard.dispatcher;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The dispatcher's meters, named once here. Prometheus sees them as {@code dispatcher_sends_total{outcome}} (one per
 * Cloud API attempt, by verdict), {@code dispatcher_messages_total{result}} (final results),
 * {@code dispatcher_inflight}, {@code dispatcher_cloudapi_latency_seconds},
 * {@code dispatcher_possible_duplicates_total{reason}} (cases where WhatsApp may have received a message twice),
 * {@code dispatcher_in_doubt_total} (written, unanswered, not resent), {@code dispatcher_redelivered_skipped_total}
 * (redelivered commands not sent again thanks to their marker), {@code dispatcher_redelivered_inflight_total}
 * (records handed back at revocation or shutdown), {@code dispatcher_undecodable_records_total},
 * {@code dispatcher_publish_retries_total}, {@code dispatcher_pacing_waits_total} (attempts that waited for their
 * number's pace), {@code dispatcher_pacing_late_total} (slots missed by more than the tolerance, taken again),
 * {@code dispatcher_pacing_lateness_seconds} (how long after its slot each paced send went out),
 * {@code dispatcher_pacing_unavailable_total} (Redis unreachable: the attempt paused),
 * {@code dispatcher_pacing_rate_lowered_total} (130429s that lowered a number's rate) and
 * {@code dispatcher_halts_total} (HALT verdicts).
 */
public final class DispatcherMetrics {

    private final MeterRegistry registry;
    private final Map<SendAction, Counter> sends = new EnumMap<>(SendAction.class);
    private final Timer latency;
    private final Timer slotLateness;
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
        this.slotLateness = Timer.builder("dispatcher.pacing.lateness")
                .description("How long after its pacing slot each send went out").register(registry);
        for (String reason : new String[] {"in_doubt_resend", "released_during_call", "marker_not_recorded"}) {
            possibleDuplicate(reason, 0);
        }
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

    public void pacingWait() {
        registry.counter("dispatcher.pacing.waits").increment();
    }

    public void slotLateness(long nanos) {
        slotLateness.record(Math.max(0, nanos), TimeUnit.NANOSECONDS);
    }

    public void halted() {
        registry.counter("dispatcher.halts").increment();
    }

    public void pacingLate() {
        registry.counter("dispatcher.pacing.late").increment();
    }

    /** A send went out after its slot's tolerance because the instance's one-second window had room. */
    public void pacingLateUsed() {
        registry.counter("dispatcher.pacing.late.used").increment();
    }

    /** A send waited for room in the instance's one-second window of its number. */
    public void pacingWindowWait() {
        registry.counter("dispatcher.pacing.window.waits").increment();
    }

    public void pacingUnavailable() {
        registry.counter("dispatcher.pacing.unavailable").increment();
    }

    public void rateLowered() {
        registry.counter("dispatcher.pacing.rate.lowered").increment();
    }

    /** A duplicate send was possible; {@code reason} says why (see the README). */
    public void possibleDuplicate(String reason) {
        possibleDuplicate(reason, 1);
    }

    public void possibleDuplicate(String reason, long count) {
        Counter.builder("dispatcher.possible.duplicates").tag("reason", reason)
                .description("Cases where WhatsApp may have received a message twice").register(registry)
                .increment(count);
    }

    public void inDoubt() {
        registry.counter("dispatcher.in.doubt").increment();
    }

    public void redeliveredSkipped(String marker) {
        registry.counter("dispatcher.redelivered.skipped", "marker", marker).increment();
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

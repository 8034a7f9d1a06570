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
 * {@code dispatcher_halts_total} (HALT verdicts). Per business number, account and error code, with bounded label
 * sets ({@link BoundedLabels}): {@code dispatcher_number_attempts_total{phone_number_id,outcome}},
 * {@code dispatcher_account_messages_total{account_id,result}} and {@code dispatcher_cloudapi_errors_total{code,reason}}.
 * Parking, failing numbers and consumer lag are gauges read at scrape time ({@link #gauge}).
 */
public final class DispatcherMetrics {

    private final MeterRegistry registry;
    private final Map<SendAction, Counter> sends = new EnumMap<>(SendAction.class);
    private final Timer latency;
    private final Timer slotLateness;
    private final Counter redeliveredInflight;
    private final Counter undecodable;
    private final Counter publishRetries;
    private final BoundedLabels numbers;
    private final BoundedLabels accounts;
    private final BoundedLabels codes;

    public DispatcherMetrics(MeterRegistry registry) {
        this(registry, new MetricsProperties());
    }

    public DispatcherMetrics(MeterRegistry registry, MetricsProperties bounds) {
        this.registry = registry;
        this.numbers = new BoundedLabels(bounds.getMaxNumbers());
        this.accounts = new BoundedLabels(bounds.getMaxAccounts());
        this.codes = new BoundedLabels(bounds.getMaxErrorCodes());
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

    /** A gauge read at scrape time, e.g. parked messages or consumer lag. */
    public void gauge(String name, String description, Supplier<Number> value, String... tags) {
        io.micrometer.core.instrument.Gauge.builder(name, value).tags(tags).description(description)
                .register(registry);
    }

    /** One Cloud API attempt of {@code command}, by verdict, with its number and (when refused) WhatsApp's code. */
    public void attempt(Classification verdict, Duration callLatency, io.switchboard.schemas.avro.SendCommand command) {
        sends.get(verdict.action()).increment();
        latency.record(callLatency);
        Counter.builder("dispatcher.number.attempts").tag("phone_number_id", numbers.of(command.getPhoneNumberId()))
                .tag("outcome", verdict.action().name())
                .description("Cloud API attempts per business number, by verdict").register(registry).increment();
        if (verdict.action() != SendAction.SENT) {
            Integer code = verdict.error() == null ? null : verdict.error().getCode();
            Counter.builder("dispatcher.cloudapi.errors").tag("code", codes.of(code == null ? null : code.toString()))
                    .tag("reason", String.valueOf(verdict.reason()))
                    .description("Failed Cloud API attempts by WhatsApp error code (none: no code, e.g. a timeout)")
                    .register(registry).increment();
        }
    }

    public void result(String result) {
        Counter.builder("dispatcher.messages").tag("result", result)
                .description("Messages finished, by result").register(registry).increment();
    }

    /** A finished message, counted by result and also per account. */
    public void result(String result, io.switchboard.schemas.avro.SendCommand command) {
        result(result);
        Counter.builder("dispatcher.account.messages").tag("account_id", accounts.of(command.getAccountId()))
                .tag("result", result).description("Messages finished per account, by result")
                .register(registry).increment();
    }

    /** A message parked outside the in-flight window, by why. */
    public void parked(String reason) {
        Counter.builder("dispatcher.parked").tag("reason", reason)
                .description("Messages parked on send-commands-retry, by reason").register(registry).increment();
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

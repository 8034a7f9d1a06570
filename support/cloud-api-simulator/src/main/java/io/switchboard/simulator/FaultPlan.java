package io.switchboard.simulator;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The faults the simulator plays, as one immutable snapshot read by every send and replaced whole at run time
 * ({@code /_sim/faults}). Every field is optional in JSON; an absent one takes the default shown in the README, so
 * that {@code {}} is the built-in plan: Meta's throughput limit (80 mps per business number, burst = rate) and pair
 * rate limit (45 in a burst, then 1 per 6 s) on, every other fault off. Bad values fail in the constructor with a
 * message naming the field.
 *
 * @param seed       seeds the one random source of all draws (rates, latency), so a test replays the same faults
 * @param throughput the per-business-number limit (130429)
 * @param pairRate   the per-(number, recipient) limit (131056)
 * @param errors     injected refusals; the first rule that strikes a send answers it
 * @param latency    how long every answer waits
 * @param timeouts   accepted sends whose HTTP answer is held back
 * @param webhooks   status webhook faults
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public record FaultPlan(@Nullable Long seed,
                        @Nullable Throughput throughput,
                        @JsonProperty("pair_rate") @Nullable PairRate pairRate,
                        @Nullable List<ErrorRule> errors,
                        @Nullable Latency latency,
                        @Nullable Timeouts timeouts,
                        @Nullable WebhookFaults webhooks) {

    public FaultPlan {
        throughput = throughput == null ? new Throughput(null, null, null, null) : throughput;
        pairRate = pairRate == null ? new PairRate(null, null, null, null) : pairRate;
        errors = errors == null ? List.of() : List.copyOf(errors);
        latency = latency == null ? new Latency(null, null, null, null, null) : latency;
        timeouts = timeouts == null ? new Timeouts(null, null, null, null, null) : timeouts;
        webhooks = webhooks == null ? new WebhookFaults(null, null, null, null, null, null) : webhooks;
    }

    /** The built-in plan: both rate limits on with Meta's numbers, nothing else. */
    public static FaultPlan defaults() {
        return new FaultPlan(null, null, null, null, null, null, null);
    }

    /**
     * Messages per second per business number (130429). A token bucket per number holds {@code mps} tokens
     * (burst = rate) and refills at {@code mps} per second; {@code per_number} overrides the rate of given numbers
     * (1000 for an upgraded number, 20 for a coexistence one).
     */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Throughput(@Nullable Boolean enabled, @Nullable Double mps,
                             @JsonProperty("per_number") @Nullable Map<String, Double> perNumber,
                             @JsonProperty("http_status") @Nullable Integer httpStatus) {

        public Throughput {
            enabled = enabled == null || enabled;
            mps = mps == null ? 80.0 : mps;
            perNumber = perNumber == null ? Map.of() : Map.copyOf(perNumber);
            httpStatus = checkStatus(httpStatus == null ? 400 : httpStatus, "throughput.http_status");
            if (!(mps > 0)) {
                throw new IllegalArgumentException("throughput.mps must be positive (got " + mps + ")");
            }
            perNumber.forEach((number, rate) -> {
                if (rate == null || !(rate > 0)) {
                    throw new IllegalArgumentException("throughput.per_number." + number + " must be positive");
                }
            });
        }

        public double rateOf(String phoneNumberId) {
            return perNumber.getOrDefault(phoneNumberId, mps);
        }
    }

    /** One business number to one customer (131056): {@code burst} at once, then one per {@code interval_ms}. */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record PairRate(@Nullable Boolean enabled, @Nullable Integer burst,
                           @JsonProperty("interval_ms") @Nullable Long intervalMs,
                           @JsonProperty("http_status") @Nullable Integer httpStatus) {

        public PairRate {
            enabled = enabled == null || enabled;
            burst = burst == null ? 45 : burst;
            intervalMs = intervalMs == null ? 6000L : intervalMs;
            httpStatus = checkStatus(httpStatus == null ? 400 : httpStatus, "pair_rate.http_status");
            if (burst < 1 || intervalMs < 1) {
                throw new IllegalArgumentException("pair_rate.burst and pair_rate.interval_ms must be at least 1");
            }
        }
    }

    /**
     * How long an answer waits: {@code fixed} ({@code median_ms}), {@code uniform} (between {@code min_ms} and
     * {@code max_ms}) or {@code lognormal} (median {@code median_ms}, 99th percentile {@code p99_ms}, clamped to
     * {@code min_ms}/{@code max_ms} when given), the shape of real network latency.
     */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Latency(@Nullable String distribution,
                          @JsonProperty("median_ms") @Nullable Long medianMs,
                          @JsonProperty("p99_ms") @Nullable Long p99Ms,
                          @JsonProperty("min_ms") @Nullable Long minMs,
                          @JsonProperty("max_ms") @Nullable Long maxMs) {

        /** z of the 99th percentile of a standard normal distribution. */
        private static final double Z99 = 2.3263478740408408;

        public Latency {
            distribution = distribution == null ? "fixed" : distribution;
            medianMs = medianMs == null ? 0L : medianMs;
            switch (distribution) {
                case "fixed" -> requireNonNegative(medianMs, "latency.median_ms");
                case "uniform" -> {
                    if (minMs == null || maxMs == null || minMs < 0 || maxMs < minMs) {
                        throw new IllegalArgumentException("latency: uniform needs 0 <= min_ms <= max_ms");
                    }
                }
                case "lognormal" -> {
                    if (medianMs <= 0 || p99Ms == null || p99Ms < medianMs) {
                        throw new IllegalArgumentException("latency: lognormal needs 0 < median_ms <= p99_ms");
                    }
                }
                default -> throw new IllegalArgumentException("latency.distribution must be fixed, uniform or"
                        + " lognormal (got " + distribution + ")");
            }
        }

        /** One latency in milliseconds, drawn from {@code random}. */
        public long sample(Random random) {
            double value = switch (distribution) {
                case "uniform" -> minMs + random.nextDouble() * (maxMs - minMs);
                case "lognormal" -> medianMs * Math.exp(Math.log((double) p99Ms / medianMs) / Z99
                        * random.nextGaussian());
                default -> medianMs;
            };
            if (minMs != null) {
                value = Math.max(value, minMs);
            }
            if (maxMs != null) {
                value = Math.min(value, maxMs);
            }
            return Math.round(value);
        }
    }

    /**
     * Sends that are accepted (wamid, history, status webhooks) but whose HTTP answer is held back for
     * {@code hold_ms} (default 120 s), longer than any sane client timeout, then given as usual.
     */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Timeouts(@Nullable Double rate, @Nullable Integer count,
                           @JsonProperty("phone_number_id") @Nullable String phoneNumberId,
                           @Nullable String recipient,
                           @JsonProperty("hold_ms") @Nullable Long holdMs) implements FaultChance {

        public Timeouts {
            rate = FaultChance.checkRate(rate, "timeouts");
            FaultChance.checkCount(count, "timeouts");
            holdMs = holdMs == null ? 120_000L : holdMs;
            requireNonNegative(holdMs, "timeouts.hold_ms");
        }
    }

    static int checkStatus(int status, String field) {
        if (status < 200 || status > 599) {
            throw new IllegalArgumentException(field + " must be an HTTP status, 200-599 (got " + status + ")");
        }
        return status;
    }

    static void requireNonNegative(@Nullable Long value, String field) {
        if (value != null && value < 0) {
            throw new IllegalArgumentException(field + " must not be negative (got " + value + ")");
        }
    }
}

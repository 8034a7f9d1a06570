package io.switchboard.simulator;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds the fault plan in force and changes it at run time: {@code replace} (PUT) installs the start-up plan
 * merged with the given document, {@code patch} (PATCH) merges the document into the current plan (JSON merge
 * patch, RFC 7396: objects merge, arrays and values replace, {@code null} resets a field to its default), and
 * {@code reset} (DELETE) reinstalls the start-up plan. The start-up plan is {@link FaultsConfig}'s keys, the
 * fixed {@code simulator.response-latency}, then {@code simulator.faults.plan} merged over them. Every change swaps
 * one immutable {@link ActiveFaults} atomically (a send reads one plan from start to end), restarts counts and the
 * random sequence, and refills every rate-limit bucket.
 */
@Singleton
public class Faults {

    private static final Logger LOG = LoggerFactory.getLogger(Faults.class);

    private final JsonMapper json;
    private final RateLimiters limiters;
    private final FaultPlan startup;
    private final AtomicReference<ActiveFaults> active = new AtomicReference<>();

    public Faults(FaultsConfig config, SimulatorConfig simulator, JsonMapper json, RateLimiters limiters) {
        this.json = json;
        this.limiters = limiters;
        FaultPlan base = new FaultPlan(config.getSeed(),
                new FaultPlan.Throughput(config.isThroughputEnabled(), config.getThroughputMps(),
                        config.getThroughputPerNumber(), config.getThroughputHttpStatus()),
                new FaultPlan.PairRate(config.isPairRateEnabled(), config.getPairRateBurst(),
                        config.getPairRateInterval().toMillis(), config.getPairRateHttpStatus()),
                null,
                new FaultPlan.Latency("fixed", simulator.getResponseLatency().toMillis(), null, null, null),
                null, null);
        try {
            this.startup = config.getPlan() == null || config.getPlan().isBlank() ? base
                    : merge(base, parse(config.getPlan().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(FaultsConfig.PREFIX + ".plan is not a valid fault plan: "
                    + e.getMessage(), e);
        }
        install(startup);
    }

    /** The plan in force with its counters; read it once per send. */
    public ActiveFaults active() {
        return active.get();
    }

    public FaultPlan plan() {
        return active.get().plan();
    }

    /** PUT: the start-up plan with {@code document} merged over it. */
    public FaultPlan replace(byte[] document) {
        return install(merge(startup, parse(document)));
    }

    /** PATCH: {@code document} merged over the plan in force. */
    public FaultPlan patch(byte[] document) {
        return install(merge(plan(), parse(document)));
    }

    /** DELETE: back to the start-up plan. */
    public FaultPlan reset() {
        return install(startup);
    }

    private FaultPlan install(FaultPlan plan) {
        active.set(new ActiveFaults(plan));
        limiters.clear();
        LOG.info("Fault plan in force: {}", write(plan));
        return plan;
    }

    private Map<String, Object> parse(byte[] document) {
        try {
            Map<String, Object> map = json.readValue(document, Argument.mapOf(String.class, Object.class));
            if (map == null) {
                throw new IllegalArgumentException("the body must be a JSON object");
            }
            return map;
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("the body must be a JSON object: " + rootMessage(e), e);
        }
    }

    private FaultPlan merge(FaultPlan base, Map<String, Object> patch) {
        try {
            Map<String, Object> target = json.readValue(json.writeValueAsBytes(base),
                    Argument.mapOf(String.class, Object.class));
            return json.readValue(json.writeValueAsBytes(mergePatch(target, patch)), FaultPlan.class);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(rootMessage(e), e);
        }
    }

    /** RFC 7396 JSON merge patch. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> mergePatch(Map<String, Object> target, Map<String, Object> patch) {
        Map<String, Object> result = new LinkedHashMap<>(target);
        patch.forEach((key, value) -> {
            if (value == null) {
                result.remove(key);
            } else if (value instanceof Map<?, ?> child && result.get(key) instanceof Map<?, ?> existing) {
                result.put(key, mergePatch((Map<String, Object>) existing, (Map<String, Object>) child));
            } else {
                result.put(key, value);
            }
        });
        return result;
    }

    private String write(FaultPlan plan) {
        try {
            return json.writeValueAsString(plan);
        } catch (IOException e) {
            return plan.toString();
        }
    }

    private static String rootMessage(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}

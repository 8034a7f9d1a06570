package io.switchboard.ingress.support;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ingress's own counters, exported on {@code /prometheus}: messages accepted (queued on Kafka), requests refused
 * by error code, and rate-limit refusals by limit. Refusals are counted where the error envelope is written, so every
 * path (controller, framework errors) is counted once. Each counter is looked up in the registry once per tag value
 * and kept: a registry lookup (id, tags, meter filters) on every request was measurable on the send path.
 */
@Singleton
public class IngressMetrics {

    private final MeterRegistry registry;
    private final Map<String, Counter> accepted = new ConcurrentHashMap<>();
    private final Map<String, Counter> rejected = new ConcurrentHashMap<>();
    private final Map<String, Counter> rateLimited = new ConcurrentHashMap<>();

    public IngressMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void accepted(String kind) {
        accepted.computeIfAbsent(kind, tag -> Counter.builder("switchboard.ingress.messages.accepted")
                .description("Messages acknowledged by Kafka and answered 202")
                .tag("kind", tag)
                .register(registry)).increment();
    }

    public void rejected(String code) {
        rejected.computeIfAbsent(code, tag -> Counter.builder("switchboard.ingress.requests.rejected")
                .description("Requests answered with an error envelope, by error code")
                .tag("code", tag)
                .register(registry)).increment();
    }

    public void rateLimited(String limit) {
        rateLimited.computeIfAbsent(limit, tag -> Counter.builder("switchboard.ingress.rate_limit.refusals")
                .description("Requests refused by a rate limit, by limit")
                .tag("limit", tag)
                .register(registry)).increment();
    }
}

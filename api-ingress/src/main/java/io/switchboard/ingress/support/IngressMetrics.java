package io.switchboard.ingress.support;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;

/**
 * The ingress's own counters, exported on {@code /prometheus}: messages accepted (queued on Kafka), requests refused
 * by error code, and rate-limit refusals by limit. Refusals are counted where the error envelope is written, so every
 * path (controller, framework errors) is counted once.
 */
@Singleton
public class IngressMetrics {

    private final MeterRegistry registry;

    public IngressMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void accepted(String kind) {
        Counter.builder("switchboard.ingress.messages.accepted")
                .description("Messages acknowledged by Kafka and answered 202")
                .tag("kind", kind)
                .register(registry)
                .increment();
    }

    public void rejected(String code) {
        Counter.builder("switchboard.ingress.requests.rejected")
                .description("Requests answered with an error envelope, by error code")
                .tag("code", code)
                .register(registry)
                .increment();
    }

    public void rateLimited(String limit) {
        Counter.builder("switchboard.ingress.rate_limit.refusals")
                .description("Requests refused by a rate limit, by limit")
                .tag("limit", limit)
                .register(registry)
                .increment();
    }
}

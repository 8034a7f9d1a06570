package io.switchboard.ingress.fast;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.switchboard.ingress.send.SendEndpoint;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Rate and latency of the requests the fast path answered, by route and status:
 * {@code switchboard.ingress.fast_path.requests} (a timer; Prometheus
 * {@code switchboard_ingress_fast_path_requests_seconds_count/_sum/_max}). These requests never reach Micronaut's
 * {@code http.server.requests} filter, so this takes its place for them. Each timer is looked up once per route and
 * status and kept.
 */
@Singleton
public class FastSendMetrics {

    private final MeterRegistry registry;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public FastSendMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(SendEndpoint endpoint, int status, long nanos) {
        String key = endpoint.name() + ' ' + status;
        timers.computeIfAbsent(key, ignored -> Timer.builder("switchboard.ingress.fast_path.requests")
                .description("Requests answered by the fast path of the send routes, by route and status")
                .tag("uri", "/api/v1/external/messages/" + endpoint.name())
                .tag("status", Integer.toString(status))
                .register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }
}

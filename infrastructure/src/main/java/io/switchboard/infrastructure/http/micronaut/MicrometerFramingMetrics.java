package io.switchboard.infrastructure.http.micronaut;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.switchboard.infrastructure.http.FramingError;
import io.switchboard.infrastructure.http.FramingMetrics;
import io.switchboard.infrastructure.http.FramingRejection;
import jakarta.inject.Singleton;
import java.util.EnumMap;
import java.util.Map;

/**
 * {@code switchboard_http_rejected_total{error}}: requests refused before the application saw them, by error code
 * (malformed framing, timeouts of slow clients, oversized URLs and heads); {@code switchboard_http_idle_closed_total}:
 * kept-alive connections closed after waiting too long for a request.
 */
@Singleton
@Requires(beans = MeterRegistry.class)
public class MicrometerFramingMetrics implements FramingMetrics {

    private final Map<FramingError, Counter> rejected = new EnumMap<>(FramingError.class);
    private final Counter idleClosed;

    MicrometerFramingMetrics(MeterRegistry registry) {
        for (FramingError error : FramingError.values()) {
            rejected.put(error, Counter.builder("switchboard.http.rejected")
                    .description("HTTP requests refused for their framing, size or slowness, before any handler")
                    .tag("error", error.label()).register(registry));
        }
        idleClosed = Counter.builder("switchboard.http.idle.closed")
                .description("Kept-alive HTTP connections closed after waiting for a request too long")
                .register(registry);
    }

    @Override
    public void rejected(FramingRejection rejection) {
        rejected.get(rejection.error()).increment();
    }

    @Override
    public void idleClosed() {
        idleClosed.increment();
    }
}

package io.switchboard.infrastructure.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;

/**
 * {@code switchboard_http_rejected_total{error}}: requests refused before the application saw them, by error code
 * (malformed framing, timeouts of slow clients, oversized URLs and heads); {@code switchboard_http_idle_closed_total}:
 * kept-alive connections closed after waiting too long for a request.
 */
public final class MicrometerFramingMetrics implements FramingMetrics {

    private final Map<FramingError, Counter> rejected = new EnumMap<>(FramingError.class);
    private final Counter idleClosed;

    public MicrometerFramingMetrics(MeterRegistry registry) {
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

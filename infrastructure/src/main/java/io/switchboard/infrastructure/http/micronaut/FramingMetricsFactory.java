package io.switchboard.infrastructure.http.micronaut;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.switchboard.infrastructure.http.FramingMetrics;
import io.switchboard.infrastructure.http.MicrometerFramingMetrics;
import jakarta.inject.Singleton;

/** The framing guard's counters on the service's meter registry, where it has one. */
@Factory
@Requires(classes = MeterRegistry.class)
class FramingMetricsFactory {

    @Singleton
    @Requires(beans = MeterRegistry.class)
    FramingMetrics framingMetrics(MeterRegistry registry) {
        return new MicrometerFramingMetrics(registry);
    }
}

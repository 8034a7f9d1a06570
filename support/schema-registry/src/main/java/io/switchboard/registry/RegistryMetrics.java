package io.switchboard.registry;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.switchboard.infrastructure.http.FramingMetrics;
import io.switchboard.infrastructure.http.MicrometerFramingMetrics;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The registry's meters, scraped at {@code /prometheus}: {@code schema_registry_requests_seconds{method,status}}
 * (each API request and how long it took), {@code schema_registry_schemas} and {@code schema_registry_subjects}
 * (what it holds), {@code schema_registry_reader_position} (the next offset of the schemas topic it applies),
 * {@code switchboard_http_rejected_total{error}} (requests refused for their framing or slowness), and the JVM's.
 */
final class RegistryMetrics implements AutoCloseable {

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE", "HEAD");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final FramingMetrics framing = new MicrometerFramingMetrics(registry);

    RegistryMetrics(RegistryState state, SchemaLog log) {
        Gauge.builder("schema.registry.schemas", state, RegistryState::schemaCount)
                .description("Schemas registered (distinct ids)").register(registry);
        Gauge.builder("schema.registry.subjects", state, s -> s.subjects(false).size())
                .description("Subjects with at least one live version").register(registry);
        Gauge.builder("schema.registry.reader.position", log, SchemaLog::readerPosition)
                .description("Next offset of the schemas topic the registry applies").register(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** One answered API request; the method label is one of the five the API uses, else OTHER. */
    void request(String method, int status, long nanos) {
        Timer.builder("schema.registry.requests")
                .description("Requests to the registry's REST API by method and status")
                .tag("method", METHODS.contains(method) ? method : "OTHER")
                .tag("status", Integer.toString(status))
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    FramingMetrics framing() {
        return framing;
    }

    /** The Prometheus text exposition of every meter. */
    String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        registry.close();
    }
}

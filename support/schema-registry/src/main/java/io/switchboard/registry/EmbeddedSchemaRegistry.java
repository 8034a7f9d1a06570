package io.switchboard.registry;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A schema registry speaking the Confluent Schema Registry REST API over HTTP (Netty, strict framing), with its
 * schemas in a compacted Kafka topic ({@code _schemas}), its own {@code /health} and {@code /prometheus}. Rules: it
 * serves only after it has read the whole topic, so a restarted registry knows every schema; several instances on
 * one topic agree on ids and versions; BACKWARD compatibility is enforced unless configured otherwise. Starts in
 * well under a second once the broker is up.
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSchemaRegistry.class);
    private static final Map<String, EmbeddedSchemaRegistry> SHARED = new ConcurrentHashMap<>();
    private static final String PROMETHEUS_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final RegistryHttpServer server;
    private final RegistryMetrics metrics;
    private final SchemaLog log;
    private final String url;

    private EmbeddedSchemaRegistry(RegistryHttpServer server, RegistryMetrics metrics, SchemaLog log, String url) {
        this.server = server;
        this.metrics = metrics;
        this.log = log;
        this.url = url;
    }

    /**
     * One registry per JVM and broker, started on first use and closed when the JVM exits: what test suites share,
     * the way they share the test kit's broker.
     */
    public static EmbeddedSchemaRegistry shared(String bootstrapServers) {
        return SHARED.computeIfAbsent(bootstrapServers, servers -> {
            EmbeddedSchemaRegistry registry = start(servers);
            Runtime.getRuntime().addShutdownHook(new Thread(registry::close, "schema-registry-shutdown"));
            return registry;
        });
    }

    /** A registry on 127.0.0.1 and a random free port, over the {@code _schemas} topic of these brokers. */
    public static EmbeddedSchemaRegistry start(String bootstrapServers) {
        return start(RegistrySettings.of(bootstrapServers));
    }

    /** A registry on 127.0.0.1 and the given port (0: a free one). */
    public static EmbeddedSchemaRegistry start(String bootstrapServers, int port) {
        return start(RegistrySettings.of(bootstrapServers).withPort(port));
    }

    public static EmbeddedSchemaRegistry start(RegistrySettings settings) {
        long started = System.nanoTime();
        RegistryState state = new RegistryState();
        SchemaLog log = SchemaLog.open(settings, state);
        RegistryMetrics metrics = new RegistryMetrics(state, log);
        RegistryHttpHandler api = new RegistryHttpHandler(new RegistryRoutes(new SchemaRegistryService(state, log),
                new CompatibilityConfig(state, log)).all());
        RegistryHealth health = new RegistryHealth(log);
        RegistryHttpServer server;
        try {
            server = RegistryHttpServer.start(settings, call -> answer(call, api, health, metrics), metrics);
        } catch (RuntimeException e) {
            metrics.close();
            log.close();
            throw e;
        }
        String host = settings.host().equals("0.0.0.0") ? "127.0.0.1" : settings.host();
        String url = "http://" + host + ":" + server.port();
        LOG.info("Schema registry at {} over topic {} on {} ready in {} ms", url, settings.topic(),
                settings.bootstrapServers(), (System.nanoTime() - started) / 1_000_000);
        return new EmbeddedSchemaRegistry(server, metrics, log, url);
    }

    private static RegistryHttpHandler.Answer answer(RegistryHttpHandler.Call call, RegistryHttpHandler api,
                                                     RegistryHealth health, RegistryMetrics metrics) {
        if (call.method().equals("GET") && call.rawPath().equals("/health")) {
            return health.check();
        }
        if (call.method().equals("GET") && call.rawPath().equals("/prometheus")) {
            return new RegistryHttpHandler.Answer(200, PROMETHEUS_TYPE,
                    metrics.scrape().getBytes(StandardCharsets.UTF_8));
        }
        return api.handle(call);
    }

    /** {@code http://127.0.0.1:PORT}, without a trailing slash. */
    public String url() {
        return url;
    }

    public int port() {
        return server.port();
    }

    /** Stops serving, then stops reading and writing the topic. The schemas stay in the topic. */
    @Override
    public void close() {
        server.close();
        metrics.close();
        log.close();
    }
}

package io.switchboard.registry;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A schema registry speaking the Confluent Schema Registry REST API, over the JDK's HTTP server, with its schemas in
 * a compacted Kafka topic ({@code _schemas}). Rules: it serves only after it has read the whole topic, so a restarted
 * registry knows every schema; several instances on one topic agree on ids and versions; BACKWARD compatibility is
 * enforced unless configured otherwise. Starts in well under a second once the broker is up.
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSchemaRegistry.class);
    private static final Map<String, EmbeddedSchemaRegistry> SHARED = new ConcurrentHashMap<>();

    private final HttpServer server;
    private final ExecutorService executor;
    private final SchemaLog log;
    private final String url;

    private EmbeddedSchemaRegistry(HttpServer server, ExecutorService executor, SchemaLog log, String url) {
        this.server = server;
        this.executor = executor;
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
        ExecutorService executor = Executors.newFixedThreadPool(settings.httpThreads(), daemonThreads());
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 64);
        } catch (IOException e) {
            executor.shutdownNow();
            log.close();
            throw new UncheckedIOException("cannot listen on " + settings.host() + ":" + settings.port(), e);
        }
        RegistryRoutes routes = new RegistryRoutes(new SchemaRegistryService(state, log),
                new CompatibilityConfig(state, log));
        server.createContext("/", new RegistryHttpHandler(routes.all()));
        server.setExecutor(executor);
        server.start();
        String host = settings.host().equals("0.0.0.0") ? "127.0.0.1" : settings.host();
        String url = "http://" + host + ":" + server.getAddress().getPort();
        LOG.info("Schema registry at {} over topic {} on {} ready in {} ms", url, settings.topic(),
                settings.bootstrapServers(), (System.nanoTime() - started) / 1_000_000);
        return new EmbeddedSchemaRegistry(server, executor, log, url);
    }

    /** {@code http://127.0.0.1:PORT}, without a trailing slash. */
    public String url() {
        return url;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops serving, then stops reading and writing the topic. The schemas stay in the topic. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.close();
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "schema-registry-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}

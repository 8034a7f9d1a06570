package io.switchboard.bench.system;

import io.switchboard.local.LocalKafkaBroker;
import io.switchboard.local.Platform;
import io.switchboard.registry.EmbeddedSchemaRegistry;
import io.switchboard.testkit.RedisTestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole platform in this JVM for {@code --local}: a real KRaft broker (as the launcher's), the test kit's real
 * redis-server, the embedded
 * registry, and the simulator plus the four services through the launcher's {@link Platform}, each in its own class
 * loader, on free ports, with fresh random credentials. Settings a benchmark needs that the launcher does not pass are
 * given as JVM system properties, which every service's Micronaut environment reads (above its application.yml):
 * the customer-service window is off in the ingress and the simulator (so text sends to a million recipients are not
 * refused), templates of accounts created during the run sync every 2 s, and the dispatcher's in-flight limit is
 * {@code dispatcherMaxInFlight}.
 */
public final class LocalPlatform implements AutoCloseable {

    /** The applications in the launcher's start order. */
    public static final List<String> ALL = List.of("cloud-api-simulator", "status-projector", "dispatcher",
            "webhook-ingest", "api-ingress");
    public static final String WABA_ID = "100000000000001";
    public static final String PHONE_NUMBER_ID = "106540352242922";

    private final Platform platform;
    private final Platform.Settings settings;
    private final EmbeddedSchemaRegistry registry;
    private final LocalKafkaBroker broker;
    private final Target target;
    private final Set<String> stopped = new HashSet<>();

    private LocalPlatform(Platform platform, Platform.Settings settings, EmbeddedSchemaRegistry registry,
                          LocalKafkaBroker broker, Target target) {
        this.platform = platform;
        this.broker = broker;
        this.settings = settings;
        this.registry = registry;
        this.target = target;
    }

    public static LocalPlatform start(Path servicesRoot, Duration statusDelay, int dispatcherMaxInFlight,
                                      Map<String, String> extraProperties) throws Exception {
        System.setProperty("switchboard.ingress.enforce-window", "false");
        System.setProperty("simulator.window.mode", "off");
        System.setProperty("switchboard.ingress.templates.sync-interval", "2s");
        System.setProperty("switchboard.dispatcher.max-in-flight", Integer.toString(dispatcherMaxInFlight));
        extraProperties.forEach(System::setProperty);

        // The local launcher's broker (latest production metadata version, unlike the test kit's), on free ports.
        LocalKafkaBroker broker = new LocalKafkaBroker(Files.createTempDirectory("bench-kafka"), freePort(), freePort());
        broker.start();
        String bootstrap = broker.bootstrapServers();
        String redis = RedisTestServer.shared().uri();
        EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(bootstrap);
        SecureRandom random = new SecureRandom();
        String apiKey = "pk_live_bench" + hex(random, 12);
        Platform.Credentials credentials = new Platform.Credentials(apiKey, "adm_bench_" + hex(random, 16),
                "EAAbench" + hex(random, 12), hex(random, 16), "verify_" + hex(random, 6),
                Base64.getEncoder().encodeToString(random.generateSeed(32)), WABA_ID, PHONE_NUMBER_ID);
        Platform.Ports ports = new Platform.Ports(freePort(), freePort(), freePort(), freePort(), freePort());
        Path stateDir = Files.createTempDirectory("bench-projector-state");
        Platform.Settings settings = new Platform.Settings(servicesRoot, bootstrap, redis, registry.url(), ports,
                credentials, stateDir, "status-projector-bench-" + hex(random, 4), statusDelay, true,
                Platform.DemoLimits.HIGH);
        Platform platform = new Platform(settings);
        platform.start();

        Map<String, String> services = new LinkedHashMap<>();
        services.put("api-ingress", "http://127.0.0.1:" + ports.ingress());
        services.put("dispatcher", platform.dispatcherUrl());
        services.put("webhook-ingest", "http://127.0.0.1:" + ports.webhookIngest());
        services.put("status-projector", platform.projectorUrl());
        services.put("cloud-api-simulator", platform.simulatorUrl());
        Target target = new Target(platform.apiUrl(), "http://127.0.0.1:" + ports.ingress() + "/api/v1/admin",
                credentials.adminToken(), List.of(apiKey), platform.webhookIngestUrl(), credentials.appSecret(),
                platform.simulatorUrl(), platform.projectorUrl(), WABA_ID, bootstrap, registry.url(), redis, services,
                true);
        return new LocalPlatform(platform, settings, registry, broker, target);
    }

    /**
     * Runs exactly the {@code wanted} applications: stops the others (a scenario measures its service with only
     * Kafka and Redis beside it, as the targets are stated) and starts again any wanted one stopped before, with the
     * properties the launcher gave it. Returns the names stopped, for the report.
     */
    public synchronized List<String> runOnly(Set<String> wanted) {
        List<String> idle = new ArrayList<>();
        for (String name : ALL) {
            if (!wanted.contains(name) && !stopped.contains(name)) {
                platform.service(name).stop();
                stopped.add(name);
            }
        }
        for (String name : ALL) {
            if (wanted.contains(name) && stopped.remove(name)) {
                platform.service(name).start(LocalServiceProperties.of(name, settings, platform));
                awaitHealthy(target.services().get(name) + "/health");
            }
            if (!wanted.contains(name)) {
                idle.add(name);
            }
        }
        return idle;
    }

    public Target target() {
        return target;
    }

    private static void awaitHealthy(String url) {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
                        java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
                Thread.sleep(200); // a restarted service is still starting; not a measurement
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(url + " not healthy 90 s after a restart");
    }

    @Override
    public void close() {
        platform.close();
        registry.close();
        broker.close();
    }

    private static String hex(SecureRandom random, int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

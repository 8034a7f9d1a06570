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
 * The whole platform for {@code --local}: a real KRaft broker (as the launcher's) and the embedded registry in this
 * JVM (or, with {@code --processes --broker-process}, in a JVM of their own: {@link BrokerMain}), the test kit's real redis-server, and
 * the simulator plus the four services either through the launcher's {@link Platform}, each in its own class loader
 * of this JVM, or ({@code --processes}) each in a child JVM of its own ({@link ServiceProcesses}), on free ports, with fresh random credentials. Settings a benchmark needs that the
 * launcher does not pass are given as system properties (of this JVM, or of each child), which every service's
 * Micronaut environment reads above its application.yml: the customer-service window is off in the ingress and the
 * simulator (so text sends to a million recipients are not refused), templates of accounts created during the run
 * sync every 2 s, and the dispatcher's in-flight limit is {@code dispatcherMaxInFlight}.
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
    private final ServiceProcesses processes;
    private final MemorySampler memory;
    private final Readiness readiness = new Readiness();

    private LocalPlatform(Platform platform, Platform.Settings settings, EmbeddedSchemaRegistry registry,
                          LocalKafkaBroker broker, Target target, ServiceProcesses processes) {
        this.platform = platform;
        this.processes = processes;
        this.memory = processes == null ? null : new MemorySampler(processes, target.services());
        if (processes != null) {
            stopped.addAll(ALL);
        }
        this.broker = broker;
        this.settings = settings;
        this.registry = registry;
        this.target = target;
    }

    /**
     * Starts the platform. With {@code processes} null every application runs in this JVM (the launcher's way);
     * otherwise each runs in a child JVM of its own, started when a scenario first wants it ({@link #runOnly}).
     */
    public static LocalPlatform start(Path servicesRoot, Duration statusDelay, int dispatcherMaxInFlight,
                                      Map<String, String> extraProperties, ServiceProcesses.Options processes)
            throws Exception {
        Map<String, String> benchProperties = new LinkedHashMap<>();
        benchProperties.put("switchboard.ingress.enforce-window", "false");
        benchProperties.put("simulator.window.mode", "off");
        benchProperties.put("switchboard.ingress.templates.sync-interval", "2s");
        benchProperties.put("switchboard.dispatcher.max-in-flight", Integer.toString(dispatcherMaxInFlight));
        // dispatch writes commands of made-up accounts straight to send-commands; the dispatcher's account check
        // (validation.require-account) would reject them all as UNKNOWN_ACCOUNT. The e2e accounts are real and pass the ingress's check.
        benchProperties.put("switchboard.dispatcher.validation.require-account", "false");
        benchProperties.putAll(extraProperties);
        if (processes == null) {
            benchProperties.forEach(System::setProperty);
        }

        ServiceProcesses children = processes == null ? null
                : new ServiceProcesses(servicesRoot, processes, benchProperties);
        // The local launcher's broker (latest production metadata version, unlike the test kit's), on free ports:
        // in this JVM, or (--processes --broker-process) with the registry in a JVM of their own, so the generator's GC and load do
        // not stall the broker every acks=all produce waits on.
        LocalKafkaBroker broker = null;
        EmbeddedSchemaRegistry registry = null;
        String bootstrap;
        String registryUrl;
        String brokerUrl = null;
        Path kafkaDir = Files.createTempDirectory("bench-kafka");
        if (children != null && processes.brokerHeap() != null) {
            int port = freePort();
            int registryPort = freePort();
            int httpPort = freePort();
            ServiceProcess child = children.startBroker(kafkaDir, port, freePort(), registryPort, httpPort);
            brokerUrl = "http://127.0.0.1:" + httpPort;
            new Readiness().awaitStatus(brokerUrl + "/health", 200, child);
            bootstrap = "127.0.0.1:" + port;
            registryUrl = "http://127.0.0.1:" + registryPort;
        } else {
            broker = new LocalKafkaBroker(kafkaDir, freePort(), freePort());
            broker.start();
            bootstrap = broker.bootstrapServers();
            registry = EmbeddedSchemaRegistry.start(bootstrap);
            registryUrl = registry.url();
        }
        String redis = RedisTestServer.shared().uri();
        SecureRandom random = new SecureRandom();
        String apiKey = "pk_live_bench" + hex(random, 12);
        Platform.Credentials credentials = new Platform.Credentials(apiKey, "adm_bench_" + hex(random, 16),
                "EAAbench" + hex(random, 12), hex(random, 16), "verify_" + hex(random, 6),
                Base64.getEncoder().encodeToString(random.generateSeed(32)), WABA_ID, PHONE_NUMBER_ID);
        Platform.Ports ports = new Platform.Ports(freePort(), freePort(), freePort(), freePort(), freePort());
        Path stateDir = Files.createTempDirectory("bench-projector-state");
        Platform.Settings settings = new Platform.Settings(servicesRoot, bootstrap, redis, registryUrl, ports,
                credentials, stateDir, "status-projector-bench-" + hex(random, 4), statusDelay, true,
                Platform.DemoLimits.HIGH);
        Platform platform = new Platform(settings);
        if (processes == null) {
            platform.start();
        }

        Map<String, String> services = new LinkedHashMap<>();
        services.put("api-ingress", "http://127.0.0.1:" + ports.ingress());
        services.put("dispatcher", platform.dispatcherUrl());
        services.put("webhook-ingest", "http://127.0.0.1:" + ports.webhookIngest());
        services.put("status-projector", platform.projectorUrl());
        services.put("cloud-api-simulator", platform.simulatorUrl());
        Target target = new Target(platform.apiUrl(), "http://127.0.0.1:" + ports.ingress() + "/api/v1/admin",
                credentials.adminToken(), List.of(apiKey), platform.webhookIngestUrl(), credentials.appSecret(),
                platform.simulatorUrl(), platform.projectorUrl(), WABA_ID, bootstrap, registryUrl, redis, services,
                processes == null);
        LocalPlatform local = new LocalPlatform(platform, settings, registry, broker, target, children);
        if (brokerUrl != null) {
            local.memory.addUrl(ServiceProcesses.BROKER, brokerUrl);
        }
        return local;
    }

    /**
     * Runs exactly the {@code wanted} applications: stops the others (a scenario measures its service with only
     * Kafka and Redis beside it, as the targets are stated) and starts any wanted one not running (again), with the
     * properties the launcher gives it, waiting until each is ready. Child processes start together. Returns the
     * names not running, for the report.
     */
    public synchronized List<String> runOnly(Set<String> wanted) {
        List<String> idle = new ArrayList<>();
        for (String name : ALL) {
            if (!wanted.contains(name) && !stopped.contains(name)) {
                if (processes != null) {
                    processes.stop(name);
                } else {
                    platform.service(name).stop();
                }
                stopped.add(name);
            }
            if (!wanted.contains(name)) {
                idle.add(name);
            }
        }
        List<String> starting = ALL.stream().filter(n -> wanted.contains(n) && stopped.remove(n)).toList();
        for (String name : starting) {
            Map<String, Object> properties = LocalServiceProperties.of(name, settings, platform);
            if (processes != null) {
                processes.start(name, properties);
            } else {
                platform.service(name).start(properties);
            }
        }
        for (String name : starting) {
            awaitReady(name);
        }
        return idle;
    }

    /** The child processes of a {@code --processes} run; null in-process. */
    public ServiceProcesses processes() {
        return processes;
    }

    /** The per-process memory sampler of a {@code --processes} run; null in-process. */
    public MemorySampler memory() {
        return memory;
    }

    public Target target() {
        return target;
    }

    /** The launcher's readiness rules: healthy; the projector answers queries; the ingress knows the demo key. */
    private void awaitReady(String name) {
        ServiceProcess process = processes == null ? null : processes.process(name);
        String base = target.services().get(name);
        readiness.awaitStatus(base + "/health", 200, process);
        if (name.equals("status-projector")) {
            readiness.awaitStatus(base + "/internal/messages/readiness-probe", 404, process);
        } else if (name.equals("api-ingress")) {
            readiness.awaitSimulatedSend(target.apiUrl() + "/messages/text?simulate=true",
                    settings.credentials().demoApiKey(), process);
        }
    }

    @Override
    public void close() {
        if (memory != null) {
            memory.close();
        }
        if (processes != null) {
            processes.close();
        }
        platform.close();
        if (registry != null) {
            registry.close();
        }
        if (broker != null) {
            broker.close();
        }
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

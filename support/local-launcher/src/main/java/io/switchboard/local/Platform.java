package io.switchboard.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The five Switchboard applications (simulator, status-projector, dispatcher, webhook-ingest, api-ingress) wired to
 * each other and to a given Kafka, Redis and schema registry, each in its own application context. The local launcher
 * runs it on a persistent broker; the end-to-end tests run it on the test kit's broker.
 */
public final class Platform implements AutoCloseable {

    /** Where everything is, and the credentials the services share. */
    public record Settings(
            Path repositoryRoot,
            String kafkaBootstrap,
            String redisUri,
            String registryUrl,
            Ports ports,
            Credentials credentials,
            Path projectorStateDir,
            String projectorApplicationId,
            Duration simulatorStatusDelay,
            boolean quietLogs,
            DemoLimits demoLimits) {
    }

    /** Limits of the demo key: high by default so local load tests are not capped. */
    public record DemoLimits(int perMinute, int perDay) {
        public static final DemoLimits HIGH = new DemoLimits(100_000, 10_000_000);
    }

    /** HTTP ports of the applications. */
    public record Ports(int ingress, int dispatcher, int webhookIngest, int projector, int simulator) {
    }

    /** Secrets shared between the simulator (standing in for Meta) and the services; generated per installation. */
    public record Credentials(String demoApiKey, String adminToken, String accessToken, String appSecret,
                              String verifyToken, String masterKey, String wabaId, String phoneNumberId) {
    }

    private final Settings settings;
    private final List<IsolatedService> started = new ArrayList<>();

    public Platform(Settings settings) {
        this.settings = settings;
    }

    public String apiUrl() {
        return "http://127.0.0.1:" + settings.ports().ingress() + "/api/v1/external";
    }

    public String webhookIngestUrl() {
        return "http://127.0.0.1:" + settings.ports().webhookIngest() + "/webhooks/whatsapp";
    }

    public String simulatorUrl() {
        return "http://127.0.0.1:" + settings.ports().simulator();
    }

    public String dispatcherUrl() {
        return "http://127.0.0.1:" + settings.ports().dispatcher();
    }

    public String projectorUrl() {
        return "http://127.0.0.1:" + settings.ports().projector();
    }

    /** Starts every application, consumers first, so that the API accepts messages only when all is ready. */
    public void start() {
        Credentials c = settings.credentials();
        run("cloud-api-simulator", "support/cloud-api-simulator", settings.ports().simulator(), Map.of(
                "simulator.access-token", c.accessToken(),
                "simulator.app-secret", c.appSecret(),
                "simulator.webhook-url", webhookIngestUrl(),
                "simulator.waba-id", c.wabaId(),
                "simulator.status-delay", settings.simulatorStatusDelay().toMillis() + "ms"));
        run("status-projector", "status-projector", settings.ports().projector(), Map.of(
                "switchboard.projector.application-id", settings.projectorApplicationId(),
                "switchboard.projector.state-dir", settings.projectorStateDir().toString(),
                "switchboard.projector.advertised-host", "127.0.0.1"));
        run("dispatcher", "dispatcher", settings.ports().dispatcher(), Map.of(
                "redis.uri", settings.redisUri(),
                "switchboard.dispatcher.admin-token", c.adminToken(),
                "switchboard.cloud-api.base-url", simulatorUrl(),
                "switchboard.cloud-api.access-token", c.accessToken(),
                // Customer webhooks: the signing secrets are encrypted under the ingress's master key.
                "switchboard.webhooks.master-key", c.masterKey(),
                "switchboard.webhooks.projector-url", projectorUrl()));
        run("webhook-ingest", "webhook-ingest", settings.ports().webhookIngest(), Map.of(
                "redis.uri", settings.redisUri(),
                "switchboard.webhook.app-secret", c.appSecret(),
                "switchboard.webhook.verify-token", c.verifyToken()));
        Map<String, Object> ingress = new HashMap<>();
        ingress.put("redis.uri", settings.redisUri());
        ingress.put("switchboard.ingress.status-query-url", projectorUrl());
        ingress.put("switchboard.ingress.admin-token", c.adminToken());
        ingress.put("switchboard.ingress.master-key", c.masterKey());
        ingress.put("switchboard.ingress.cloud-api.base-url", simulatorUrl());
        ingress.put("switchboard.ingress.cloud-api.access-token", c.accessToken());
        ingress.put("switchboard.ingress.bootstrap.api-key", c.demoApiKey());
        ingress.put("switchboard.ingress.bootstrap.account-id", "demo");
        ingress.put("switchboard.ingress.bootstrap.account-name", "Demo business");
        ingress.put("switchboard.ingress.bootstrap.waba-id", c.wabaId());
        ingress.put("switchboard.ingress.bootstrap.phone-number-id", c.phoneNumberId());
        ingress.put("switchboard.ingress.bootstrap.rate-limit-per-minute", settings.demoLimits().perMinute());
        ingress.put("switchboard.ingress.bootstrap.daily-limit", settings.demoLimits().perDay());
        run("api-ingress", "api-ingress", settings.ports().ingress(), ingress);
        awaitReady();
    }

    /**
     * Waits until every application reports healthy and the API accepts the demo key (the ingress loads its key table
     * and publishes the bootstrap key after it starts listening), so whoever started the platform can use it at once.
     */
    private void awaitReady() {
        ReadinessProbe probe = new ReadinessProbe(Duration.ofSeconds(90));
        for (String base : List.of(simulatorUrl(), projectorUrl(), dispatcherUrl(),
                webhookIngestUrl().replace("/webhooks/whatsapp", ""), apiUrl().replace("/api/v1/external", ""))) {
            probe.awaitStatus(base + "/health", null, 200);
        }
        // After a restart the projector's store is restored and its group rejoined before it can answer (503 until
        // then): a status query for an unknown message answers 404 once it can, so the first real query is answered.
        probe.awaitStatus(projectorUrl() + "/internal/messages/readiness-probe", null, 404);
        // Simulate mode runs every check of a send (key, permission, window) and queues nothing: any answer but
        // 401/503 means the key is loaded.
        probe.awaitSimulatedSend(apiUrl() + "/messages/text?simulate=true", settings.credentials().demoApiKey(),
                "{\"to\":\"+10000000000\",\"message\":\"readiness\"}");
    }

    private void run(String name, String module, int port, Map<String, Object> own) {
        Map<String, Object> properties = new HashMap<>(own);
        properties.put("micronaut.server.port", port);
        properties.put("micronaut.server.host", "127.0.0.1");
        properties.put("kafka.bootstrap.servers", settings.kafkaBootstrap());
        properties.put("switchboard.schema-registry.url", settings.registryUrl());
        properties.put("switchboard.kafka.replication-factor", 1);
        if (settings.quietLogs()) {
            properties.put("logger.levels.root", "WARN");
        }
        IsolatedService service = IsolatedService.fromModule(name, settings.repositoryRoot().resolve(module));
        service.start(properties);
        started.add(service);
    }

    /** The running application named {@code name}, e.g. "dispatcher", to stop or restart it in a test. */
    public IsolatedService service(String name) {
        return started.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No service " + name));
    }

    /** Stops the applications in the reverse order: the API first, so nothing new is accepted while others drain. */
    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
        started.clear();
    }
}

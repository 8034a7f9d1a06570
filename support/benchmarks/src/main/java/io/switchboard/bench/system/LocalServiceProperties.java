package io.switchboard.bench.system;

import io.switchboard.local.Platform;
import java.util.HashMap;
import java.util.Map;

/**
 * The properties the launcher's {@link Platform} starts each application with, rebuilt from the same settings, so a
 * benchmark that stopped an application for one scenario can start it again for the next exactly as it was, and a
 * {@code --processes} run gives each child JVM the same. Must follow {@code Platform.start()}; the readiness wait
 * after a restart is the scenario's warm-up.
 */
final class LocalServiceProperties {

    private LocalServiceProperties() {
    }

    static Map<String, Object> of(String name, Platform.Settings s, Platform platform) {
        Platform.Credentials c = s.credentials();
        Map<String, Object> p = new HashMap<>();
        switch (name) {
            case "cloud-api-simulator" -> {
                p.put("simulator.access-token", c.accessToken());
                p.put("simulator.app-secret", c.appSecret());
                p.put("simulator.webhook-url", platform.webhookIngestUrl());
                p.put("simulator.waba-id", c.wabaId());
                p.put("simulator.status-delay", s.simulatorStatusDelay().toMillis() + "ms");
            }
            case "status-projector" -> {
                p.put("switchboard.projector.application-id", s.projectorApplicationId());
                p.put("switchboard.projector.state-dir", s.projectorStateDir().toString());
                p.put("switchboard.projector.advertised-host", "127.0.0.1");
            }
            case "dispatcher" -> {
                p.put("redis.uri", s.redisUri());
                p.put("switchboard.dispatcher.admin-token", c.adminToken());
                p.put("switchboard.cloud-api.base-url", platform.simulatorUrl());
                p.put("switchboard.cloud-api.access-token", c.accessToken());
                p.put("switchboard.webhooks.master-key", c.masterKey());
                p.put("switchboard.webhooks.projector-url", platform.projectorUrl());
            }
            case "webhook-ingest" -> {
                p.put("redis.uri", s.redisUri());
                p.put("switchboard.webhook.app-secret", c.appSecret());
                p.put("switchboard.webhook.verify-token", c.verifyToken());
            }
            case "api-ingress" -> {
                p.put("redis.uri", s.redisUri());
                p.put("switchboard.ingress.status-query-url", platform.projectorUrl());
                p.put("switchboard.ingress.admin-token", c.adminToken());
                p.put("switchboard.ingress.master-key", c.masterKey());
                p.put("switchboard.ingress.cloud-api.base-url", platform.simulatorUrl());
                p.put("switchboard.ingress.cloud-api.access-token", c.accessToken());
                p.put("switchboard.ingress.bootstrap.api-key", c.demoApiKey());
                p.put("switchboard.ingress.bootstrap.account-id", "demo");
                p.put("switchboard.ingress.bootstrap.account-name", "Demo business");
                p.put("switchboard.ingress.bootstrap.waba-id", c.wabaId());
                p.put("switchboard.ingress.bootstrap.phone-number-id", c.phoneNumberId());
                p.put("switchboard.ingress.bootstrap.rate-limit-per-minute", s.demoLimits().perMinute());
                p.put("switchboard.ingress.bootstrap.daily-limit", s.demoLimits().perDay());
            }
            default -> throw new IllegalArgumentException("No application " + name);
        }
        int port = switch (name) {
            case "cloud-api-simulator" -> s.ports().simulator();
            case "status-projector" -> s.ports().projector();
            case "dispatcher" -> s.ports().dispatcher();
            case "webhook-ingest" -> s.ports().webhookIngest();
            default -> s.ports().ingress();
        };
        p.put("micronaut.server.port", port);
        p.put("micronaut.server.host", "127.0.0.1");
        p.put("kafka.bootstrap.servers", s.kafkaBootstrap());
        p.put("switchboard.schema-registry.url", s.registryUrl());
        p.put("switchboard.kafka.replication-factor", 1);
        if (s.quietLogs()) {
            p.put("logger.levels.root", "WARN");
        }
        return p;
    }
}

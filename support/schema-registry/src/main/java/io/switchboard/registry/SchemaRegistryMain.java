package io.switchboard.registry;

import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the registry on its own until the process is stopped. Rule: arguments win over environment variables, which
 * win over defaults.
 * <pre>
 * java io.switchboard.registry.SchemaRegistryMain [bootstrapServers [port]]
 *   SCHEMA_REGISTRY_BOOTSTRAP_SERVERS  (else KAFKA_BOOTSTRAP_SERVERS, else localhost:9092)
 *   SCHEMA_REGISTRY_PORT               (default 8081)
 *   SCHEMA_REGISTRY_HOST               (default 0.0.0.0)
 *   SCHEMA_REGISTRY_TOPIC              (default _schemas)
 * </pre>
 */
public final class SchemaRegistryMain {

    private SchemaRegistryMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        RegistrySettings settings = settings(args, System.getenv());
        EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            registry.close();
            stopped.countDown();
        }, "schema-registry-shutdown"));
        System.out.println("Schema registry listening on " + settings.host() + ":" + registry.port()
                + " (" + registry.url() + "), schemas in " + settings.topic() + " on " + settings.bootstrapServers());
        stopped.await();
    }

    static RegistrySettings settings(String[] args, Map<String, String> env) {
        String bootstrap = args.length > 0 ? args[0]
                : env.getOrDefault("SCHEMA_REGISTRY_BOOTSTRAP_SERVERS",
                        env.getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"));
        int port = Integer.parseInt(args.length > 1 ? args[1] : env.getOrDefault("SCHEMA_REGISTRY_PORT", "8081"));
        return RegistrySettings.of(bootstrap)
                .withPort(port)
                .withHost(env.getOrDefault("SCHEMA_REGISTRY_HOST", "0.0.0.0"))
                .withTopic(env.getOrDefault("SCHEMA_REGISTRY_TOPIC", RegistrySettings.DEFAULT_TOPIC));
    }
}

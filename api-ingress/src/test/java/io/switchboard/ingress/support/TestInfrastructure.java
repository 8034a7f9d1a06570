package io.switchboard.ingress.support;

import io.switchboard.registry.EmbeddedSchemaRegistry;
import io.switchboard.testkit.KafkaTestCluster;
import io.switchboard.testkit.RedisTestServer;

/**
 * The real infrastructure all integration tests of this module share: the JVM's Kafka cluster and Redis server
 * from the testkit, and one embedded schema registry on that cluster (closed when the JVM exits).
 */
public final class TestInfrastructure {

    private static EmbeddedSchemaRegistry registry;

    private TestInfrastructure() {
    }

    public static KafkaTestCluster kafka() {
        return KafkaTestCluster.shared();
    }

    public static RedisTestServer redis() {
        return RedisTestServer.shared();
    }

    public static synchronized String registryUrl() {
        if (registry == null) {
            EmbeddedSchemaRegistry started = EmbeddedSchemaRegistry.start(kafka().bootstrapServers());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (Exception e) {
                    // The JVM is exiting; nothing is left to clean up for.
                }
            }, "schema-registry-shutdown"));
            registry = started;
        }
        return registry.url();
    }
}

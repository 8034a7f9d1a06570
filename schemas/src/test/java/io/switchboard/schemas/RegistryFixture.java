package io.switchboard.schemas;

import io.switchboard.registry.EmbeddedSchemaRegistry;
import io.switchboard.testkit.KafkaTestCluster;

/** One real broker and one embedded registry for the schemas tests of this JVM. */
public final class RegistryFixture {

    private static EmbeddedSchemaRegistry registry;

    private RegistryFixture() {
    }

    public static synchronized String registryUrl() {
        if (registry == null) {
            registry = EmbeddedSchemaRegistry.start(KafkaTestCluster.shared().bootstrapServers());
            Runtime.getRuntime().addShutdownHook(new Thread(registry::close));
        }
        return registry.url();
    }
}

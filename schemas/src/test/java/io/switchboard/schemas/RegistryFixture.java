package io.switchboard.schemas;

import io.switchboard.registry.EmbeddedSchemaRegistry;
import io.switchboard.testkit.KafkaTestCluster;

/** The shared real broker and embedded registry of this test JVM. */
public final class RegistryFixture {

    private RegistryFixture() {
    }

    public static String registryUrl() {
        return EmbeddedSchemaRegistry.shared(KafkaTestCluster.shared().bootstrapServers()).url();
    }
}

package io.switchboard.projector;

import io.switchboard.registry.EmbeddedSchemaRegistry;
import io.switchboard.testkit.KafkaTestCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/** The real broker and registry the tests share (one of each per test JVM), plus fresh names and dirs per context. */
public final class TestInfra {


    private TestInfra() {
    }

    public static KafkaTestCluster kafka() {
        return KafkaTestCluster.shared();
    }

    public static String registryUrl() {
        return EmbeddedSchemaRegistry.shared(kafka().bootstrapServers()).url();
    }

    /** A Streams application id no other test context uses (build-notes: reuse stalls or keeps stale state). */
    public static String uniqueApplicationId(String purpose) {
        return "status-projector-" + purpose + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A fresh, empty state dir under java.io.tmpdir (target/tmp in Maven runs). */
    public static Path freshStateDir(String purpose) {
        try {
            return Files.createTempDirectory("projector-state-" + purpose + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

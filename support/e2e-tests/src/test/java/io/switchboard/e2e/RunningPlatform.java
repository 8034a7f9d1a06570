package io.switchboard.e2e;

import io.switchboard.local.Platform;
import io.switchboard.registry.EmbeddedSchemaRegistry;
import io.switchboard.testkit.KafkaTestCluster;
import io.switchboard.testkit.RedisTestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

/**
 * The whole platform for end-to-end tests: the test kit's real broker and redis-server, an embedded registry, and the
 * simulator plus the four services, each in its own application context (its own class loader). One per test JVM.
 */
final class RunningPlatform {

    static final String API_KEY = "pk_live_e2e" + UUID.randomUUID().toString().replace("-", "");
    static final String PHONE_NUMBER_ID = "106540352242922";
    static final String ADMIN_TOKEN = "adm_e2e_" + UUID.randomUUID();
    /** The Cloud API token the simulator accepts (a made-up test value). */
    static final String ACCESS_TOKEN = "EAAe2e-token";

    private static Platform platform;

    private RunningPlatform() {
    }

    static synchronized Platform get() {
        if (platform == null) {
            platform = start();
            Runtime.getRuntime().addShutdownHook(new Thread(platform::close));
        }
        return platform;
    }

    private static Platform start() {
        String bootstrap = KafkaTestCluster.shared().bootstrapServers();
        EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.shared(bootstrap);
        Platform.Credentials credentials = new Platform.Credentials(API_KEY, ADMIN_TOKEN, ACCESS_TOKEN,
                "e2e-app-secret", "e2e-verify",
                Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32)), "100000000000001", PHONE_NUMBER_ID);
        Platform.Ports ports = new Platform.Ports(freePort(), freePort(), freePort(), freePort(), freePort());
        Path stateDir;
        try {
            stateDir = Files.createTempDirectory("projector-state");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Platform started = new Platform(new Platform.Settings(repositoryRoot(), bootstrap,
                RedisTestServer.shared().uri(), registry.url(), ports, credentials, stateDir,
                "status-projector-e2e-" + UUID.randomUUID(), Duration.ofMillis(50), true,
                Platform.DemoLimits.HIGH));
        started.start();
        return started;
    }

    static Path repositoryRoot() {
        String configured = System.getProperty("switchboard.repository.root");
        Path dir = configured != null && !configured.isBlank() ? Path.of(configured) : Path.of("").toAbsolutePath();
        for (Path p = dir.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("switchboard")) && Files.exists(p.resolve("api-ingress"))) {
                return p;
            }
        }
        throw new IllegalStateException("Cannot find the repository root from " + dir);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.switchboard.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import redis.embedded.RedisServer;
import redis.embedded.core.ExecutableProvider;

/**
 * A real redis-server process for the local run: Debian's (or any) {@code redis-server} on the PATH when there is one,
 * otherwise the binary shipped in the embedded-redis jar. It persists to {@code .switchboard/data/redis} with an
 * append-only file, so rate-limit windows and idempotency keys survive a restart.
 */
final class LocalRedis implements AutoCloseable {

    private final Path dataDir;
    private final int port;
    private RedisServer server;

    LocalRedis(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
    }

    String uri() {
        return "redis://127.0.0.1:" + port;
    }

    void start() throws IOException {
        Files.createDirectories(dataDir);
        server = RedisServer.newRedisServer()
                .executableProvider(executable())
                .bind("127.0.0.1")
                .port(port)
                .setting("dir " + dataDir.toAbsolutePath())
                .setting("appendonly yes")
                .setting("save \"\"")
                .setting("protected-mode yes")
                .onShutdownForceStop(true)
                .build();
        server.start();
    }

    private static ExecutableProvider executable() {
        try {
            return ExecutableProvider.newExecutableInPath("redis-server");
        } catch (IOException notOnPath) {
            return ExecutableProvider.newJarResourceProvider();
        }
    }

    @Override
    public void close() throws IOException {
        if (server != null) {
            server.stop();
            server = null;
        }
    }
}

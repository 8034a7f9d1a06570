package io.switchboard.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import redis.embedded.core.ExecutableProvider;

/**
 * Finds the {@code redis-server} binary to run. Rule: an executable {@code redis-server} on the {@code PATH} (e.g.
 * Debian's package) wins; otherwise the binary shipped inside {@code com.github.codemonstur:embedded-redis} is
 * extracted once per JVM and used.
 */
final class RedisExecutable {

    static final String NAME = "redis-server";
    private static Path embedded;

    private RedisExecutable() {
    }

    /** The binary for this machine, looked up on the current process's {@code PATH}. */
    static Path resolve() {
        return resolve(System.getenv("PATH"));
    }

    /** The binary on {@code path} (a {@code PATH}-style list), else the embedded one. */
    static Path resolve(String path) {
        return onPath(path).orElseGet(RedisExecutable::embedded);
    }

    static Optional<Path> onPath(String path) {
        if (path == null || path.isBlank()) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            Path candidate = Path.of(dir, NAME);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The binary shipped in embedded-redis, extracted to a temporary directory the first time it is asked for. */
    static synchronized Path embedded() {
        if (embedded == null) {
            try {
                File file = ExecutableProvider.newJarResourceProvider().get();
                if (!file.canExecute() && !file.setExecutable(true)) {
                    throw new IOException("cannot make " + file + " executable");
                }
                embedded = file.toPath();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot extract the redis-server binary shipped in embedded-redis", e);
            }
        }
        return embedded;
    }
}

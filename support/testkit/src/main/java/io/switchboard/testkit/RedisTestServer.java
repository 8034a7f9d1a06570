package io.switchboard.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real {@code redis-server} process for tests. Rules: Debian's {@code redis-server} on the PATH if present, else the
 * binary shipped in embedded-redis ({@link RedisExecutable}); bound to 127.0.0.1 on a free port, with no persistence
 * ({@code --save ""}, {@code --appendonly no}); ready once it logs "ready to accept connections" or answers PING;
 * destroyed on {@link #close()} and by a shutdown hook. {@link #shared()} is one server per JVM that callers may not
 * close (use {@link #flushAll()} between tests); {@link #start()} is a fresh server the caller closes.
 */
public final class RedisTestServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisTestServer.class);
    private static final String HOST = "127.0.0.1";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);
    private static final int START_ATTEMPTS = 3;
    private static RedisTestServer shared;

    private final Process process;
    private final int port;
    private final Path executable;
    private final Path workDir;
    private final Thread shutdownHook;
    private final boolean isShared;

    private RedisTestServer(Process process, int port, Path executable, Path workDir, boolean isShared) {
        this.process = process;
        this.port = port;
        this.executable = executable;
        this.workDir = workDir;
        this.isShared = isShared;
        this.shutdownHook = new Thread(this::destroy, "redis-test-server-shutdown-" + port);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** The JVM-wide server, started on first use and destroyed when the JVM exits. */
    public static synchronized RedisTestServer shared() {
        if (shared == null) {
            shared = launch(RedisExecutable.resolve(), true);
        }
        return shared;
    }

    /** A fresh server; close it yourself. */
    public static RedisTestServer start() {
        return launch(RedisExecutable.resolve(), false);
    }

    /** A fresh server from a given binary (how the tests prove both the PATH and the embedded binary work). */
    static RedisTestServer start(Path executable) {
        return launch(executable, false);
    }

    private static RedisTestServer launch(Path executable, boolean isShared) {
        IllegalStateException last = null;
        // A free port found now may be taken before redis binds it: try a few ports before giving up.
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            try {
                return launchOnce(executable, freePort(), isShared);
            } catch (IllegalStateException e) {
                last = e;
                LOG.warn("redis-server start attempt {} failed: {}", attempt, e.getMessage());
            }
        }
        throw last;
    }

    private static RedisTestServer launchOnce(Path executable, int port, boolean isShared) {
        long started = System.nanoTime();
        Process process;
        Path dir;
        try {
            dir = Files.createTempDirectory("redis-test-");
            process = new ProcessBuilder(List.of(executable.toString(),
                    "--port", Integer.toString(port), "--bind", HOST, "--save", "", "--appendonly", "no",
                    "--daemonize", "no", "--dir", dir.toString()))
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + executable, e);
        }
        RedisOutput output = new RedisOutput(process, port);
        if (!awaitReady(process, port, output)) {
            stop(process, dir);
            throw new IllegalStateException("redis-server (" + executable + ") on port " + port
                    + " not ready within " + READY_TIMEOUT.toSeconds() + " s; output:\n" + output.tail());
        }
        LOG.info("redis-server {} ready on port {} in {} ms", executable, port,
                (System.nanoTime() - started) / 1_000_000);
        return new RedisTestServer(process, port, executable, dir, isShared);
    }

    private static boolean awaitReady(Process process, int port, RedisOutput output) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (output.awaitReadyLine(20) || answersAsItself(process, port)) {
                return true;
            }
            if (!process.isAlive()) {
                return false;
            }
        }
        return false;
    }

    /** PING answered by this very process: another server that grabbed the port must not pass for ours. */
    private static boolean answersAsItself(Process process, int port) {
        try (RespClient client = new RespClient(HOST, port, 200)) {
            String ownPid = "process_id:" + process.pid() + "\r\n";
            return "PONG".equals(client.command("PING"))
                    && String.valueOf(client.command("INFO", "server")).contains(ownPid);
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    /** {@code redis://127.0.0.1:PORT}. */
    public String uri() {
        return "redis://" + HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    /** The server's process id (to stop it with {@link ProcessPause}). */
    public long pid() {
        return process.pid();
    }

    /** The binary this server runs. */
    public Path executable() {
        return executable;
    }

    /** Empties every database (FLUSHALL over a plain socket). */
    public void flushAll() {
        try (RespClient client = new RespClient(HOST, port, 5_000)) {
            Object reply = client.command("FLUSHALL");
            if (!"OK".equals(reply)) {
                throw new IllegalStateException("FLUSHALL answered " + reply);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("FLUSHALL failed on " + uri(), e);
        }
    }

    /** Destroys the process; a no-op on the {@link #shared()} server, which the JVM owns. */
    @Override
    public void close() {
        if (isShared) {
            return;
        }
        destroy();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down: the hook runs (or ran) anyway.
        }
    }

    private void destroy() {
        stop(process, workDir);
    }

    private static void stop(Process process, Path workDir) {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        deleteQuietly(workDir);
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // Only a leftover empty directory under the build's tmp dir: not worth failing a test for.
        }
    }
}

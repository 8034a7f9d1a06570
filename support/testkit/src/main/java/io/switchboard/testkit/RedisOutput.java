package io.switchboard.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The output of a redis-server process. Rules: it is drained continuously on a daemon thread (so the process never
 * blocks on a full pipe), its last lines are kept for error messages, and the line "ready to accept connections"
 * (any case: Redis 6 and 7 spell it differently) marks the server ready.
 */
final class RedisOutput {

    private static final int KEPT_LINES = 40;
    private final Deque<String> lines = new ArrayDeque<>();
    private final CountDownLatch ready = new CountDownLatch(1);

    RedisOutput(Process process, int port) {
        Thread reader = new Thread(() -> drain(process), "redis-test-server-output-" + port);
        reader.setDaemon(true);
        reader.start();
    }

    private void drain(Process process) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                remember(line);
                if (line.toLowerCase(Locale.ROOT).contains("ready to accept connections")) {
                    ready.countDown();
                }
            }
        } catch (IOException e) {
            remember("<output closed: " + e.getMessage() + ">");
        }
    }

    private synchronized void remember(String line) {
        if (lines.size() == KEPT_LINES) {
            lines.removeFirst();
        }
        lines.addLast(line);
    }

    synchronized String tail() {
        return String.join("\n", lines);
    }

    boolean awaitReadyLine(long millis) {
        try {
            return ready.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

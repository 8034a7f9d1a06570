package io.switchboard.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.schemas.avro.MessageEventType;
import io.switchboard.schemas.avro.SendCommand;
import io.switchboard.testkit.RedisTestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A Redis that hangs (its process stopped with SIGSTOP: connections stay open, nothing answers) must not hang the
 * health check: {@code /health} answers within a second, DOWN with {@code redis} named as not answering, and UP
 * again once the process continues.
 */
class RedisHangTest {

    /** The health timeout is 800 ms; the rest is the HTTP round trip on a busy machine. */
    private static final Duration ANSWER_WITHIN = Duration.ofMillis(1500);

    @Test
    void healthAnswersWithinASecondAndSaysRedisIsDownWhileRedisIsStopped() throws Exception {
        try (RedisTestServer redis = RedisTestServer.start();
             DispatcherEnvironment env = new DispatcherEnvironment(Map.of("redis.uri", redis.uri()))) {
            ProcessHandle process = redisProcess(redis.port());
            SendCommand before = Commands.text("500000000000011", "+447700900210", "Before the hang");
            env.send(List.of(before));
            await().atMost(Duration.ofSeconds(30)).until(() -> env.eventsOf(before.getMessageId()).stream()
                    .anyMatch(e -> e.getType() == MessageEventType.SENT));
            assertThat(health(env).statusCode()).isEqualTo(200);

            signal("STOP", process.pid());
            try {
                for (int i = 0; i < 3; i++) {
                    HttpResponse<String> health = health(env);
                    assertThat(health.statusCode()).isEqualTo(503);
                    assertThat(health.body()).contains("\"redis\"").contains("no answer within 800 ms")
                            .contains("\"kafka\"");
                }
            } finally {
                signal("CONT", process.pid());
            }

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(health(env).statusCode()).isEqualTo(200));
        }
    }

    /** Fails (a timeout) if the answer takes longer than {@link #ANSWER_WITHIN}. */
    private static HttpResponse<String> health(DispatcherEnvironment env) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(env.url("/health")))
                .timeout(ANSWER_WITHIN).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** redis-server renames its process "redis-server 127.0.0.1:port": find our child by either form. */
    private static ProcessHandle redisProcess(int port) throws Exception {
        for (ProcessHandle child : ProcessHandle.current().children().toList()) {
            java.nio.file.Path cmdline = java.nio.file.Path.of("/proc", String.valueOf(child.pid()), "cmdline");
            String line = java.nio.file.Files.exists(cmdline)
                    ? java.nio.file.Files.readString(cmdline).replace('\0', ' ') : child.info().commandLine().orElse("");
            if (line.contains("redis") && (line.contains(":" + port) || line.contains(" " + port + " "))) {
                return child;
            }
        }
        throw new IllegalStateException("no redis-server child process on port " + port);
    }

    private static void signal(String signal, long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(pid)).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
    }
}

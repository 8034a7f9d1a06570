package io.switchboard.ingress.ratelimit;

import static io.switchboard.ingress.support.IngressApp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.ingress.support.IngressApp;
import io.switchboard.testkit.RedisTestServer;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A Redis that hangs (the process stopped with SIGSTOP: it still accepts connections, it never answers) is reported
 * DOWN by {@code /health} within a second, however long sends may wait for Redis, and UP again once it resumes.
 */
class RedisHealthTest {

    @Test
    void aHangingRedisIsReportedDownWithinASecond() throws Exception {
        RedisTestServer redis = RedisTestServer.start();
        long pid = pidOf(redis);
        try (IngressApp app = IngressApp.start(Map.of("redis.uri", redis.uri(),
                // Sends may wait longer for Redis than a health check ever should.
                "switchboard.ingress.rate-limiter-timeout", "5s"))) {
            await().atMost(Duration.ofSeconds(20)).until(() -> "UP".equals(redisStatus(app.send("GET", "/health",
                    null))));

            signal("STOP", pid);
            try {
                HttpResponse<String> health = healthWithinASecond(app);

                assertThat(health.statusCode()).isEqualTo(503);
                JsonNode redisHealth = json(health).get("details").get("redis");
                assertThat(redisHealth.get("status").asText()).isEqualTo("DOWN");
                assertThat(redisHealth.get("details").get("error").asText()).contains("no answer to PING");
            } finally {
                signal("CONT", pid);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> "UP".equals(redisStatus(app.send("GET", "/health",
                    null))));
        } finally {
            redis.close();
        }
    }

    /** GET /health, which must answer within a second. */
    private static HttpResponse<String> healthWithinASecond(IngressApp app) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(app.uri("/health")).timeout(Duration.ofSeconds(1)).GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String redisStatus(HttpResponse<String> health) {
        return json(health).get("details").get("redis").get("status").asText();
    }

    /**
     * The redis-server process the test kit started for this server: a child of this JVM, found by its port in its
     * command line (as started, or as redis-server retitles itself: "redis-server 127.0.0.1:PORT").
     */
    private static long pidOf(RedisTestServer redis) {
        String started = "--port\0" + redis.port() + "\0";
        String retitled = ":" + redis.port();
        return ProcessHandle.current().descendants()
                .filter(p -> {
                    try {
                        String line = Files.readString(Path.of("/proc", Long.toString(p.pid()), "cmdline"));
                        return line.contains("redis") && (line.contains(started) || line.contains(retitled));
                    } catch (IOException e) {
                        return false;
                    }
                })
                .findFirst().orElseThrow(() -> new AssertionError("no redis-server on port " + redis.port())).pid();
    }

    private static void signal(String signal, long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
    }
}

package io.switchboard.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.schemas.avro.MessageEventType;
import io.switchboard.schemas.avro.SendCommand;
import io.switchboard.testkit.RedisTestServer;
import java.io.File;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Without Redis the dispatcher cannot pace, so it does not send at all: /health is DOWN and says why, the command
 * waits, and it goes out by itself once Redis is back.
 */
class RedisOutageTest {

    @Test
    void withoutRedisNothingIsSentHealthIsDownAndSendingResumesWhenRedisIsBack() throws Exception {
        RedisTestServer redis = RedisTestServer.start();
        int port = redis.port();
        Path executable = redis.executable();
        Process again = null;
        try (DispatcherEnvironment env = new DispatcherEnvironment(Map.of("redis.uri", redis.uri()))) {
            String number = "500000000000001";
            SendCommand before = Commands.text(number, "+447700900200", "Before the outage");
            env.send(List.of(before));
            await().atMost(Duration.ofSeconds(30)).until(() -> sent(env, before));

            redis.close();
            SendCommand during = Commands.text(number, "+447700900201", "During the outage");
            env.send(List.of(during));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                HttpResponse<String> health = env.call("GET", "/health", false);
                assertThat(health.statusCode()).isEqualTo(503);
                assertThat(health.body()).contains("Redis unreachable, sending paused");
            });
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                    .until(() -> env.peer.requestsFor(during.getMessageId()) == 0);

            Path dir = Files.createTempDirectory("redis-again-");
            again = new ProcessBuilder(executable.toString(), "--port", String.valueOf(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--dir", dir.toString())
                    .redirectOutput(new File(dir.toFile(), "out.log")).redirectErrorStream(true).start();

            await().atMost(Duration.ofSeconds(30)).until(() -> sent(env, during));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(env.call("GET", "/health", false).statusCode()).isEqualTo(200));
            assertThat(env.peer.requestsFor(during.getMessageId())).isEqualTo(1);
        } finally {
            if (again != null) {
                again.destroyForcibly();
            }
            redis.close();
        }
    }

    private static boolean sent(DispatcherEnvironment env, SendCommand command) {
        return env.eventsOf(command.getMessageId()).stream().anyMatch(e -> e.getType() == MessageEventType.SENT);
    }
}

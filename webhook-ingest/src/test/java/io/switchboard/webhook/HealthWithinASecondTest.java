package io.switchboard.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.switchboard.registry.EmbeddedSchemaRegistry;
import io.switchboard.testkit.KafkaTestCluster;
import io.switchboard.testkit.ProcessPause;
import io.switchboard.testkit.RedisTestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A hung Redis (SIGSTOP: its socket stays open and answers nothing) or a broker that is gone never hangs
 * {@code /health}: it answers within a second with that dependency DOWN (webhooks are still acknowledged while Redis
 * hangs), and UP again once the dependency is back.
 */
class HealthWithinASecondTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** {@code /health}, given up after one second: an answer at all is the deadline kept. */
    private static HttpResponse<String> health(EmbeddedServer app) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(app.getURL() + "/health"))
                .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aHungRedisIsReportedDownWithinASecondAndWebhooksAreStillAcknowledged() throws Exception {
        try (RedisTestServer redis = RedisTestServer.start()) {
            EmbeddedServer app = TestServices.startApp(KafkaTestCluster.shared().bootstrapServers(),
                    Map.of("redis.uri", redis.uri()));
            try {
                await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> health(app).statusCode() == 200);

                try (ProcessPause paused = ProcessPause.of(redis.pid())) {
                    for (int probe = 0; probe < 3; probe++) {
                        HttpResponse<String> response = health(app);
                        assertThat(response.statusCode()).isEqualTo(503);
                        JsonNode redisHealth = JSON.readTree(response.body()).at("/details/redis");
                        assertThat(redisHealth.get("status").asText()).isEqualTo("DOWN");
                    }
                    byte[] body = Payloads.oneStatus(DeduplicationEndpointTest.run());
                    assertThat(TestServices.postSigned(app, body).statusCode()).as("published without dedup")
                            .isEqualTo(200);
                }

                await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> health(app).statusCode() == 200);
            } finally {
                app.close();
            }
        }
    }

    @Test
    void withKafkaGoneHealthAnswersWithinASecondWithKafkaDown() throws Exception {
        try (KafkaTestCluster kafka = KafkaTestCluster.start(1);
             EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(kafka.bootstrapServers())) {
            EmbeddedServer app = TestServices.startApp(kafka.bootstrapServers(),
                    Map.of("switchboard.schema-registry.url", registry.url()));
            try {
                await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> health(app).statusCode() == 200);
                int broker = kafka.brokerIds().iterator().next();

                kafka.stopBroker(broker);
                try {
                    HttpResponse<String> response = health(app);
                    assertThat(response.statusCode()).isEqualTo(503);
                    assertThat(JSON.readTree(response.body()).at("/details/kafka/status").asText()).isEqualTo("DOWN");
                } finally {
                    kafka.restartBroker(broker);
                }
                await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> health(app).statusCode() == 200);
            } finally {
                app.close();
            }
        }
    }
}

package io.switchboard.webhook;

import static io.switchboard.webhook.DeduplicationEndpointTest.mentioning;
import static io.switchboard.webhook.DeduplicationEndpointTest.on;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.switchboard.schemas.Topics;
import io.switchboard.testkit.KafkaTestCluster;
import io.switchboard.testkit.RedisTestServer;
import io.switchboard.webhook.TopicReader.Received;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Redis is an optimisation, never a condition of acknowledging Meta: when it stops, webhooks are still answered 200
 * and everything is published (duplicates included), counted, and {@code /health} says Redis is DOWN.
 */
class DedupWithoutRedisTest {

    @Test
    void whenRedisStopsWebhooksAreStillAcknowledgedAndEverythingIsPublished() throws Exception {
        String bootstrap = KafkaTestCluster.shared().bootstrapServers();
        RedisTestServer redis = RedisTestServer.start();
        EmbeddedServer app = TestServices.startApp(bootstrap, Map.of("redis.uri", redis.uri()));
        try (TopicReader reader = new TopicReader(bootstrap, TestServices.registryUrl(), TopicSetup.WRITTEN_TOPICS)) {
            String run = DeduplicationEndpointTest.run();
            byte[] body = Payloads.batch(run);
            assertThat(TestServices.postSigned(app, body).statusCode()).as("with Redis up").isEqualTo(200);

            redis.close();

            try (LogCapture logs = new LogCapture()) {
                assertThat(TestServices.postSigned(app, body).statusCode()).isEqualTo(200);
                assertThat(TestServices.postSigned(app, body).statusCode()).isEqualTo(200);
                assertThat(logs.lines()).anyMatch(line -> line.contains("without deduplication"));
            }

            List<Received> mine = mentioning(reader.readFor(Duration.ofSeconds(1)), run);
            assertThat(on(mine, Topics.STATUS_UPDATES.name())).hasSize(3 * 3);
            assertThat(on(mine, Topics.INBOUND_MESSAGES.name())).hasSize(2 * 3);
            assertThat(on(mine, Topics.WEBHOOK_PAYLOADS.name())).hasSize(3);

            HttpResponse<String> health = TestServices.get(app, "/health");
            assertThat(health.body()).contains("\"redis\"").contains("\"DOWN\"");
            assertThat(TestServices.get(app, "/prometheus").body())
                    .containsPattern("switchboard_webhook_dedup_unavailable_total(\\{[^}]*\\})? 2\\.0");
        } finally {
            app.close();
            redis.close();
        }
    }

    @Test
    void withDedupDisabledRedeliveriesArePublishedAgainAndRedisIsNotUsed() throws Exception {
        String bootstrap = KafkaTestCluster.shared().bootstrapServers();
        EmbeddedServer app = TestServices.startApp(bootstrap, Map.of("switchboard.webhook.dedup-enabled", false,
                "redis.uri", "redis://127.0.0.1:1"));
        try (TopicReader reader = new TopicReader(bootstrap, TestServices.registryUrl(), TopicSetup.WRITTEN_TOPICS)) {
            String run = DeduplicationEndpointTest.run();
            byte[] body = Payloads.oneStatus(run);

            assertThat(TestServices.postSigned(app, body).statusCode()).isEqualTo(200);
            assertThat(TestServices.postSigned(app, body).statusCode()).isEqualTo(200);

            assertThat(on(mentioning(reader.readFor(Duration.ofSeconds(1)), run), Topics.STATUS_UPDATES.name()))
                    .hasSize(2);
            assertThat(TestServices.get(app, "/health").body()).doesNotContain("\"redis\"");
            assertThat(TestServices.get(app, "/prometheus").body())
                    .containsPattern("switchboard_webhook_dedup_unavailable_total(\\{[^}]*\\})? 0\\.0");
        } finally {
            app.close();
        }
    }
}

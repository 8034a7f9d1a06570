package io.switchboard.webhook;

import static io.switchboard.webhook.DeduplicationEndpointTest.mentioning;
import static io.switchboard.webhook.DeduplicationEndpointTest.on;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.runtime.server.EmbeddedServer;
import io.switchboard.schemas.Topics;
import io.switchboard.testkit.KafkaTestCluster;
import io.switchboard.testkit.RedisTestServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Never losing a record to deduplication: when Kafka does not acknowledge a POST (503), its claims are released, so
 * Meta's redelivery is published once Kafka is back.
 */
class RedeliveryAfterKafkaFailureTest {

    @Test
    void claimsOfAPostKafkaDidNotAcknowledgeAreReleasedSoTheRedeliveryIsPublished() throws Exception {
        KafkaTestCluster cluster = KafkaTestCluster.start(1);
        RedisClient client = RedisClient.create(RedisTestServer.shared().uri());
        EmbeddedServer app = null;
        try (StatefulRedisConnection<String, String> redis = client.connect()) {
            app = TestServices.startApp(cluster.bootstrapServers(),
                    Map.of("switchboard.webhook.publish-timeout", "2s"));
            int broker = cluster.brokerIds().iterator().next();
            String run = DeduplicationEndpointTest.run();
            byte[] body = Payloads.statuses(run, "S1:delivered");
            String key = "wh:st:wamid." + run + "-S1:delivered";

            cluster.stopBroker(broker);
            assertThat(TestServices.postSigned(app, body).statusCode()).isEqualTo(503);
            await().atMost(Duration.ofSeconds(10)).until(() -> redis.sync().exists(key) == 0L);

            cluster.restartBroker(broker);
            EmbeddedServer running = app;
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> TestServices.postSigned(running, body).statusCode() == 200);

            try (TopicReader reader = new TopicReader(cluster.bootstrapServers(), TestServices.registryUrl(),
                    TopicSetup.WRITTEN_TOPICS)) {
                assertThat(on(mentioning(reader.readFor(Duration.ofSeconds(1)), run), Topics.STATUS_UPDATES.name()))
                        .as("published at least once (a record of the 503 may land late)").isNotEmpty();
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> "seen".equals(redis.sync().get(key)));
        } finally {
            if (app != null) {
                app.close();
            }
            client.shutdown();
            cluster.close();
        }
    }
}

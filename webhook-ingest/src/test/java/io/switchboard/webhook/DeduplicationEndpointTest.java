package io.switchboard.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.StatusUpdate;
import io.switchboard.testkit.KafkaTestCluster;
import io.switchboard.webhook.TopicReader.Received;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Meta's redeliveries over real HTTP, against the real broker, registry and Redis: each record reaches its topic once. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeduplicationEndpointTest {

    private EmbeddedServer app;
    private TopicReader reader;

    @BeforeAll
    void start() {
        String bootstrap = KafkaTestCluster.shared().bootstrapServers();
        app = TestServices.startApp(bootstrap, Map.of());
        reader = new TopicReader(bootstrap, TestServices.registryUrl(), TopicSetup.WRITTEN_TOPICS);
    }

    @AfterAll
    void stop() {
        if (reader != null) {
            reader.close();
        }
        if (app != null) {
            app.close();
        }
    }

    @Test
    void redeliveredBodyPublishesItsStatusesAndMessagesOnceButIsArchivedTwice() throws Exception {
        String run = run();
        byte[] body = Payloads.batch(run);

        assertThat(TestServices.postSigned(app, body).statusCode()).isEqualTo(200);
        assertThat(TestServices.postSigned(app, body).statusCode()).isEqualTo(200);

        List<Received> mine = mentioning(reader.readFor(Duration.ofSeconds(1)), run);
        assertThat(on(mine, Topics.STATUS_UPDATES.name())).extracting(Received::key)
                .containsExactlyInAnyOrder("wamid." + run + "-S1", "wamid." + run + "-S2", "wamid." + run + "-S3");
        assertThat(on(mine, Topics.INBOUND_MESSAGES.name())).hasSize(2);
        assertThat(on(mine, Topics.WEBHOOK_PAYLOADS.name())).hasSize(2);
    }

    @Test
    void sameStatusTwiceInOneBatchIsPublishedOnce() throws Exception {
        String run = run();

        assertThat(TestServices.postSigned(app, Payloads.statuses(run, "S1:delivered", "S1:delivered")).statusCode())
                .isEqualTo(200);

        assertThat(on(mentioning(reader.readFor(Duration.ofSeconds(1)), run), Topics.STATUS_UPDATES.name()))
                .singleElement().satisfies(r -> assertThat(((StatusUpdate) r.value()).getRawStatus())
                        .isEqualTo("delivered"));
    }

    @Test
    void sameWamidWithDifferentStatusesPublishesEach() throws Exception {
        String run = run();

        TestServices.postSigned(app, Payloads.statuses(run, "S1:sent", "S1:delivered"));
        TestServices.postSigned(app, Payloads.statuses(run, "S1:read", "S1:delivered"));

        assertThat(on(mentioning(reader.readFor(Duration.ofSeconds(1)), run), Topics.STATUS_UPDATES.name()))
                .extracting(r -> ((StatusUpdate) r.value()).getRawStatus())
                .containsExactly("sent", "delivered", "read");
    }

    @Test
    void prometheusCountsDuplicatesByKind() throws Exception {
        byte[] body = Payloads.batch(run());
        TestServices.postSigned(app, body);
        TestServices.postSigned(app, body);

        String metrics = TestServices.get(app, "/prometheus").body();

        assertThat(metrics).contains("switchboard_webhook_duplicates_dropped_total{kind=\"status\"}",
                "switchboard_webhook_duplicates_dropped_total{kind=\"inbound\"}",
                "switchboard_webhook_dedup_unavailable_total");
    }

    @Test
    void healthCoversRedis() throws Exception {
        String health = TestServices.get(app, "/health").body();

        assertThat(health).contains("\"redis\"").doesNotContain("\"DOWN\"");
    }

    static String run() {
        return UUID.randomUUID().toString().substring(0, 13);
    }

    static List<Received> mentioning(List<Received> records, String run) {
        return records.stream()
                .filter(r -> (r.key() != null && r.key().contains(run)) || r.value().toString().contains(run))
                .toList();
    }

    static List<Received> on(List<Received> records, String topic) {
        return records.stream().filter(r -> r.topic().equals(topic)).toList();
    }
}

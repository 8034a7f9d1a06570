package io.switchboard.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.switchboard.testkit.KafkaTestCluster;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The 200 means "Kafka has it": when the broker is gone, the same signed POST is answered 503 after the publish
 * timeout (so Meta redelivers), and the server keeps answering other requests meanwhile.
 */
class PublishTimeoutTest {

    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(2);

    @Test
    void postIsAnswered503WhenKafkaDoesNotAcknowledgeWithinTheTimeout() throws Exception {
        KafkaTestCluster cluster = KafkaTestCluster.start(1);
        EmbeddedServer app = null;
        try {
            app = TestServices.startApp(cluster.bootstrapServers(),
                    Map.of("switchboard.webhook.publish-timeout", PUBLISH_TIMEOUT.toMillis() + "ms"));
            assertThat(TestServices.postSigned(app, Payloads.batch("before-outage")).statusCode())
                    .as("with the broker up").isEqualTo(200);

            cluster.close();

            byte[] body = Payloads.batch("during-outage");
            long started = System.nanoTime();
            CompletableFuture<HttpResponse<String>> pending =
                    TestServices.postAsync(app, body, TestServices.META.sign(body));

            HttpResponse<String> handshake = TestServices.get(app, "/webhooks/whatsapp?hub.mode=subscribe"
                    + "&hub.verify_token=" + TestServices.VERIFY_TOKEN + "&hub.challenge=42");
            assertThat(handshake.body()).as("the event loop is free while the POST waits").isEqualTo("42");
            assertThat(pending).as("still waiting for Kafka when the GET was answered").isNotDone();

            HttpResponse<String> response = pending.get();
            Duration waited = Duration.ofNanos(System.nanoTime() - started);
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.body()).contains("\"code\":\"NOT_STORED\"");
            assertThat(waited).isGreaterThanOrEqualTo(PUBLISH_TIMEOUT).isLessThan(PUBLISH_TIMEOUT.multipliedBy(5));
        } finally {
            if (app != null) {
                app.close();
            }
            cluster.close();
        }
    }
}

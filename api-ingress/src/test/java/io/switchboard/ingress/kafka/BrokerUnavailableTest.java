package io.switchboard.ingress.kafka;

import static io.switchboard.ingress.support.IngressApp.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.ingress.support.IngressApp;
import io.switchboard.registry.EmbeddedSchemaRegistry;
import io.switchboard.testkit.KafkaTestCluster;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A send is answered only after the broker acknowledged it; a broker that cannot is a 503, not a silent loss. */
class BrokerUnavailableTest {

    @Test
    void aSendTheBrokerDoesNotAcknowledgeInTimeIsRefusedWith503() throws Exception {
        try (KafkaTestCluster cluster = KafkaTestCluster.start(1);
             EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(cluster.bootstrapServers())) {
            IngressApp app = IngressApp.start(Map.of("kafka.bootstrap.servers", cluster.bootstrapServers(),
                    "switchboard.schema-registry.url", registry.url(),
                    "switchboard.ingress.kafka-ack-timeout", "2s"));
            try {
                String body = "{\"to\":\"+919876543210\",\"message\":\"before\"}";
                assertThat(app.postText(app.apiKey(), body).statusCode()).isEqualTo(202);

                cluster.stopBroker(0);
                long started = System.nanoTime();
                HttpResponse<String> refused = app.postText(app.apiKey(), body);
                Duration waited = Duration.ofNanos(System.nanoTime() - started);

                assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
                assertThat(json(refused).get("error").get("code").asText()).isEqualTo("SERVICE_UNAVAILABLE");
                assertThat(json(refused).get("success").asBoolean()).isFalse();
                assertThat(waited).isBetween(Duration.ofMillis(1500), Duration.ofSeconds(10));
            } finally {
                app.close();
            }
        }
    }
}

package io.switchboard.projector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.switchboard.registry.EmbeddedSchemaRegistry;
import io.switchboard.testkit.KafkaTestCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The projector's only dependency is Kafka: with its broker gone, {@code /health} still answers within a second,
 * with Kafka DOWN, instead of waiting for the Kafka client's own timeouts; it is UP again once the broker is back.
 * (A cluster of its own, since its broker is stopped.)
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
    void withKafkaGoneHealthAnswersWithinASecondWithKafkaDown() throws Exception {
        try (KafkaTestCluster kafka = KafkaTestCluster.start(1);
             EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(kafka.bootstrapServers())) {
            Map<String, Object> props = new LinkedHashMap<>();
            props.put("micronaut.server.port", -1);
            props.put("kafka.bootstrap.servers", kafka.bootstrapServers());
            props.put("switchboard.schema-registry.url", registry.url());
            props.put("switchboard.projector.application-id", TestInfra.uniqueApplicationId("health"));
            props.put("switchboard.projector.state-dir", TestInfra.freshStateDir("health").toString());
            props.put("switchboard.projector.advertised-host", "localhost");
            props.put("switchboard.projector.close-timeout", "2s");
            try (EmbeddedServer app = ApplicationContext.run(EmbeddedServer.class, props)) {
                await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> health(app).statusCode() == 200);
                int broker = kafka.brokerIds().iterator().next();

                kafka.stopBroker(broker);
                try {
                    for (int probe = 0; probe < 3; probe++) {
                        HttpResponse<String> response = health(app);
                        assertThat(response.statusCode()).isEqualTo(503);
                        JsonNode kafkaHealth = JSON.readTree(response.body()).at("/details/kafka");
                        assertThat(kafkaHealth.get("status").asText()).as(response.body()).isEqualTo("DOWN");
                    }
                } finally {
                    kafka.restartBroker(broker);
                }

                await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> health(app).statusCode() == 200);
            }
        }
    }
}

package io.switchboard.registry;

import static io.switchboard.registry.CompatibilityCheckerTest.V1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.testkit.KafkaTestCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The registry's own {@code /health} (its schemas topic readable, the reader's lag) and {@code /prometheus} (requests,
 * schemas, subjects, framing refusals, the JVM), and a health that answers within a second when Kafka is gone.
 */
class RegistryManagementTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static HttpResponse<String> get(EmbeddedSchemaRegistry registry, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(registry.url() + path)).timeout(Duration.ofSeconds(1))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthIsUpWithTheTopicAndTheReadersPosition() throws Exception {
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(
                KafkaTestCluster.shared().bootstrapServers())) {
            HttpResponse<String> response = get(registry, "/health");

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
            JsonNode health = JSON.readTree(response.body());
            assertThat(health.get("status").asText()).isEqualTo("UP");
            assertThat(health.at("/details/kafka/status").asText()).isEqualTo("UP");
            assertThat(health.at("/details/kafka/details/topic").asText()).isEqualTo("_schemas");
            assertThat(health.at("/details/reader/status").asText()).isEqualTo("UP");
            assertThat(health.at("/details/reader/details/lag").asLong()).isZero();
        }
    }

    @Test
    void prometheusShowsRequestsSchemasAndSubjectsAfterTraffic() throws Exception {
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(
                KafkaTestCluster.shared().bootstrapServers())) {
            RegistryHttp http = new RegistryHttp(registry.url());
            assertThat(http.register("metrics-" + UUID.randomUUID(), V1).status()).isEqualTo(200);
            assertThat(http.get("/subjects/nobody-" + UUID.randomUUID() + "/versions").status()).isEqualTo(404);

            HttpResponse<String> response = get(registry, "/prometheus");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("content-type").orElseThrow()).startsWith("text/plain");
            assertThat(response.body())
                    .containsPattern("schema_registry_requests_seconds_count\\{[^}]*method=\"POST\"[^}]*status=\"200\"[^}]*\\} [1-9]")
                    .containsPattern("schema_registry_requests_seconds_count\\{[^}]*method=\"GET\"[^}]*status=\"404\"[^}]*\\} [1-9]")
                    .containsPattern("schema_registry_schemas [1-9]")
                    .containsPattern("schema_registry_subjects [1-9]")
                    .contains("switchboard_http_rejected_total")
                    .contains("jvm_memory_used_bytes");
        }
    }

    @Test
    void withKafkaGoneHealthAnswersWithinASecondAndSaysDown() throws Exception {
        try (KafkaTestCluster kafka = KafkaTestCluster.start(1);
             EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(kafka.bootstrapServers())) {
            assertThat(get(registry, "/health").statusCode()).isEqualTo(200);
            int broker = kafka.brokerIds().iterator().next();

            kafka.stopBroker(broker);
            try {
                HttpResponse<String> response = get(registry, "/health");
                assertThat(response.statusCode()).isEqualTo(503);
                JsonNode health = JSON.readTree(response.body());
                assertThat(health.get("status").asText()).isEqualTo("DOWN");
                assertThat(health.at("/details/kafka/status").asText()).isEqualTo("DOWN");
            } finally {
                kafka.restartBroker(broker);
            }
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> get(registry, "/health").statusCode() == 200);
        }
    }
}

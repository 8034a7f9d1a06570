package io.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.local.Platform;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every running service answers its health check (with Kafka, and Redis for the ingress) and exposes Prometheus metrics. */
class OperationsEndToEndTest {

    private final Platform platform = RunningPlatform.get();

    @Test
    void everyServiceIsHealthyAndExposesPrometheusMetrics() throws Exception {
        Map<String, String> services = Map.of(
                "api-ingress", platform.apiUrl().replace("/api/v1/external", ""),
                "status-projector", platform.projectorUrl(),
                "webhook-ingest", platform.webhookIngestUrl().replace("/webhooks/whatsapp", ""),
                "cloud-api-simulator", platform.simulatorUrl(),
                "dispatcher", platform.dispatcherUrl());
        HttpClient client = HttpClient.newHttpClient();
        for (Map.Entry<String, String> service : services.entrySet()) {
            HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(service.getValue() + "/health"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).as(service.getKey() + " health: " + health.body()).isEqualTo(200);
            assertThat(health.body()).as(service.getKey()).contains("\"UP\"");

            HttpResponse<String> metrics = client.send(HttpRequest.newBuilder(
                    URI.create(service.getValue() + "/prometheus")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).as(service.getKey() + " prometheus").isEqualTo(200);
            assertThat(metrics.body()).as(service.getKey()).contains("jvm_memory_used_bytes");
        }
        String ingressHealth = client.send(HttpRequest.newBuilder(URI.create(services.get("api-ingress") + "/health"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(ingressHealth).containsIgnoringCase("kafka").containsIgnoringCase("redis");
    }
}

package io.switchboard.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The start banner, which ends up in logs others may read, shows where the secrets are, never the secrets. */
class LocalBannerTest {

    private static final Platform.Credentials CREDENTIALS = new Platform.Credentials("pk_live_5ecret0demo0key",
            "adm_5ecret0admin0token", "EAA5ecret0access", "5ecret0app", "verify_5ecret", "bWFzdGVyLWtleQ==",
            "100000000000001", "106540352242922");
    private static final LocalBanner.Endpoints ENDPOINTS = new LocalBanner.Endpoints(
            "http://localhost:8080/api/v1/external", "http://localhost:8083", "http://localhost:8090",
            "http://127.0.0.1:8081", "localhost:9092", "redis://127.0.0.1:6380");

    @Test
    void theBannerNamesEveryEndpointAndWhereTheSecretsAreButNoSecret() {
        List<String> lines = LocalBanner.lines(ENDPOINTS, Path.of(".switchboard/local.json"), "+919876543210");
        String banner = String.join("\n", lines);

        assertThat(banner).contains(ENDPOINTS.apiUrl(), ENDPOINTS.webhookIngestUrl(), ENDPOINTS.simulatorUrl(),
                ENDPOINTS.registryUrl(), ENDPOINTS.kafkaBootstrap(), ENDPOINTS.redisUrl());
        assertThat(banner).contains("admin_token", "demo_api_key", ".switchboard/local.json",
                "./switchboard get demo_api_key");
        for (String secret : List.of(CREDENTIALS.demoApiKey(), CREDENTIALS.adminToken(), CREDENTIALS.accessToken(),
                CREDENTIALS.appSecret(), CREDENTIALS.verifyToken(), CREDENTIALS.masterKey())) {
            assertThat(banner).doesNotContain(secret);
        }
        assertThat(banner).doesNotContain("5ecret");
    }

    @Test
    void localJsonHoldsTheValuesTheBannerPointsTo() throws Exception {
        JsonNode local = new ObjectMapper().readTree(LocalMain.localJson(ENDPOINTS, CREDENTIALS));

        assertThat(local.get("demo_api_key").asText()).isEqualTo(CREDENTIALS.demoApiKey());
        assertThat(local.get("admin_token").asText()).isEqualTo(CREDENTIALS.adminToken());
        assertThat(local.get("api_url").asText()).isEqualTo(ENDPOINTS.apiUrl());
        assertThat(local.fieldNames()).toIterable().containsExactly("api_url", "admin_token", "demo_api_key",
                "webhook_ingest_url", "simulator_url", "registry_url", "kafka_bootstrap", "redis_url");
    }
}

package io.switchboard.ingress.admin;

import static io.switchboard.ingress.support.IngressApp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.ingress.support.AdminCalls;
import io.switchboard.ingress.support.IngressApp;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Seed 001's dashboard figures follow what keys are made, deactivated and used. */
class AdminStatsTest {

    private static final String TEXT = "{\"to\":\"+919876543210\",\"message\":\"Counted\"}";

    private static IngressApp app;
    private static AdminCalls admin;

    @BeforeAll
    static void start() {
        app = IngressApp.start(Map.of("switchboard.ingress.admin-token", AdminCalls.ADMIN_TOKEN,
                "switchboard.ingress.master-key", AdminCalls.newMasterKey()));
        admin = new AdminCalls(app, AdminCalls.ADMIN_TOKEN);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void statsCountKeysActiveKeysAndTodaysCalls() {
        JsonNode before = stats();
        String accountId = admin.createAccount();
        JsonNode used = admin.createKey("""
                {"name":"Used","account_id":"%s","permissions":["send_text"]}""".formatted(accountId));
        JsonNode idle = admin.createKey("""
                {"name":"Idle","account_id":"%s","permissions":["send_text"]}""".formatted(accountId));
        admin.call("POST", "/api/v1/admin/keys/" + idle.get("id").asText() + "/deactivate", null);
        for (int i = 0; i < 3; i++) {
            assertThat(app.postText(used.get("api_key").asText(), TEXT).statusCode()).isEqualTo(202);
        }

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            JsonNode after = stats();
            assertThat(after.get("total_keys").asLong()).isEqualTo(before.get("total_keys").asLong() + 2);
            assertThat(after.get("active_keys").asLong()).isEqualTo(before.get("active_keys").asLong() + 1);
            assertThat(after.get("calls_today").asLong()).isEqualTo(before.get("calls_today").asLong() + 3);
            assertThat(after.has("templates_configured")).isTrue();
        });
    }

    @Test
    void statsNeedTheAdminToken() {
        assertThat(new AdminCalls(app, "wrong").call("GET", "/api/v1/admin/stats", null).statusCode()).isEqualTo(401);
    }

    private static JsonNode stats() {
        HttpResponse<String> response = admin.call("GET", "/api/v1/admin/stats", null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response).get("data");
    }
}

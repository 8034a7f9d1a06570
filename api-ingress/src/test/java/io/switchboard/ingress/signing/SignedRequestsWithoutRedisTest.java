package io.switchboard.ingress.signing;

import static io.switchboard.ingress.support.IngressApp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.ingress.support.AdminCalls;
import io.switchboard.ingress.support.IngressApp;
import io.switchboard.testkit.RedisTestServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A signature is never accepted unchecked for replay: without Redis a correctly signed request gets 503. */
class SignedRequestsWithoutRedisTest {

    @Test
    void withoutRedisACorrectlySignedRequestIsRefusedWith503() throws Exception {
        RedisTestServer redis = RedisTestServer.start();
        try (IngressApp app = IngressApp.start(Map.of("redis.uri", redis.uri(),
                "switchboard.ingress.rate-limiter-timeout", "1s",
                "switchboard.ingress.admin-token", AdminCalls.ADMIN_TOKEN,
                "switchboard.ingress.master-key", AdminCalls.newMasterKey()))) {
            AdminCalls admin = new AdminCalls(app, AdminCalls.ADMIN_TOKEN);
            JsonNode created = admin.createKey("""
                    {"name":"Signed","account_id":"%s","permissions":["send_text"]}"""
                    .formatted(admin.createAccount()));
            String path = "/api/v1/external/messages/text";
            byte[] body = "{\"to\":\"+919876543210\",\"message\":\"hi\"}".getBytes(StandardCharsets.UTF_8);

            redis.close();
            long timestamp = System.currentTimeMillis() / 1000;
            HttpResponse<String> response = app.send("POST", path, body, "Content-Type", "application/json",
                    "X-API-Key", created.get("api_key").asText(), "X-Timestamp", Long.toString(timestamp),
                    "X-Signature", RequestSigningDocTest.sign(created.get("api_secret").asText(), timestamp, "POST",
                            path, body));

            assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
            assertThat(json(response).get("error").get("code").asText()).isEqualTo("SERVICE_UNAVAILABLE");
        } finally {
            redis.close();
        }
    }
}

package io.switchboard.ingress.http;

import static io.switchboard.ingress.support.IngressApp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.ingress.auth.ApiKeyHashes;
import io.switchboard.ingress.support.IngressApp;
import io.switchboard.ingress.support.LogCapture;
import io.switchboard.ingress.support.SendCommandsProbe;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.MessageKind;
import io.switchboard.schemas.avro.Permission;
import io.switchboard.schemas.avro.SendCommand;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The seed's own example, end to end: HTTP in, envelope out, a SendCommand on send-commands. */
class SendTextEndpointTest {

    /** The body of the seed's cURL example, verbatim. */
    static final String SEED_BODY = """
            {
                "to": "+919876543210",
                "message": "Hello! This is a test message from the API.",
                "reference": "test-msg-001"
              }""";

    private static LogCapture logs;
    private static IngressApp app;

    @BeforeAll
    static void start() {
        logs = new LogCapture();
        app = IngressApp.start(Map.of());
    }

    @AfterAll
    static void stop() {
        app.close();
        logs.close();
    }

    @Test
    void theSeedExampleIsQueuedAndAnsweredWith202() {
        String key = app.createKey(60, Permission.SEND_TEXT);
        try (SendCommandsProbe probe = new SendCommandsProbe()) {
            Instant before = Instant.now();
            HttpResponse<String> response = app.postText(key, SEED_BODY);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            JsonNode body = json(response);
            assertThat(body.get("success").asBoolean()).isTrue();
            JsonNode data = body.get("data");
            String messageId = data.get("message_id").asText();
            assertThat(UUID.fromString(messageId).toString()).isEqualTo(messageId);
            assertThat(data.get("status").asText()).isEqualTo("queued");
            assertThat(data.get("to").asText()).isEqualTo("+919876543210");
            assertThat(data.get("reference").asText()).isEqualTo("test-msg-001");

            JsonNode meta = body.get("meta");
            assertThat(meta.get("request_id").asText()).matches("req_[0-9a-f]{16}")
                    .isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
            JsonNode rateLimit = meta.get("rate_limit");
            assertThat(rateLimit.get("limit").asInt()).isEqualTo(60);
            assertThat(rateLimit.get("remaining").asInt()).isEqualTo(59);
            String resetAt = rateLimit.get("reset_at").asText();
            assertThat(resetAt).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:00\\.000Z");
            assertThat(Instant.parse(resetAt)).isAfter(before).isBeforeOrEqualTo(before.plusSeconds(61));
            assertThat(response.headers().firstValue("RateLimit-Limit")).hasValue("60");
            assertThat(response.headers().firstValue("RateLimit-Remaining")).hasValue("59");
            assertThat(Long.parseLong(response.headers().firstValue("RateLimit-Reset").orElseThrow()))
                    .isBetween(0L, 60L);
            assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");

            ConsumerRecord<String, SendCommand> record = await("send command on " + Topics.SEND_COMMANDS.name())
                    .atMost(Duration.ofSeconds(10)).until(() -> probe.find(messageId), r -> r != null);
            assertThat(record.key()).isEqualTo(Topics.sendCommandKey(app.phoneNumberId(), "+919876543210"));
            SendCommand command = record.value();
            assertThat(command.getAccountId()).isEqualTo(app.accountId());
            assertThat(command.getPhoneNumberId()).isEqualTo(app.phoneNumberId());
            assertThat(command.getRecipient()).isEqualTo("+919876543210");
            assertThat(command.getKind()).isEqualTo(MessageKind.TEXT);
            assertThat(command.getText().getBody()).isEqualTo("Hello! This is a test message from the API.");
            assertThat(command.getText().getPreviewUrl()).isFalse();
            assertThat(command.getReference()).isEqualTo("test-msg-001");
            assertThat(command.getApiKeyId()).isEqualTo(ApiKeyHashes.keyId(key));
            assertThat(command.getSource()).isEqualTo("api");
            assertThat(command.getAcceptedAt()).isBetween(before.minusSeconds(1), Instant.now());
            assertThat(command.getExpiresAt()).isEqualTo(command.getAcceptedAt().plus(Duration.ofHours(24)));
        }
    }

    @Test
    void theBootstrapKeyWorksAndAMessageWithoutReferenceAnswersNull() {
        HttpResponse<String> response = app.postText(app.apiKey(),
                "{\"to\":\"+14155550123\",\"message\":\"Your order has shipped \uD83D\uDE9A\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode data = json(response).get("data");
        assertThat(data.has("reference")).isTrue();
        assertThat(data.get("reference").isNull()).isTrue();
    }

    @Test
    void healthCoversKafkaRedisAndTheKeyStore() {
        HttpResponse<String> response = app.send("GET", "/health", null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode details = json(response).get("details");
        assertThat(details.get("kafka").get("status").asText()).isEqualTo("UP");
        assertThat(details.get("redis").get("status").asText()).isEqualTo("UP");
        assertThat(details.get("ingress").get("status").asText()).isEqualTo("UP");
        assertThat(details.get("ingress").get("details").get("apiKeysLoaded").asBoolean()).isTrue();
    }

    @Test
    void prometheusExportsTheIngressCounters() {
        app.postText(app.apiKey(), "{\"to\":\"+14155550123\",\"message\":\"hi\"}");
        app.postText("pk_live_unknown", "{}");

        HttpResponse<String> response = app.send("GET", "/prometheus", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("switchboard_ingress_messages_accepted_total{kind=\"text\"")
                .contains("switchboard_ingress_requests_rejected_total{code=\"INVALID_API_KEY\"");
    }

    @Test
    void neitherKeysNorPhoneNumbersReachTheLogs() {
        String key = app.createKey(60, Permission.SEND_TEXT);
        assertThat(app.postText(key, SEED_BODY).statusCode()).isEqualTo(202);
        assertThat(app.postText(key + "x", SEED_BODY).statusCode()).isEqualTo(401);

        assertThat(logs.lines()).isNotEmpty().noneMatch(line -> line.contains(app.apiKey())
                || line.contains(key) || line.contains("+919876543210"));
    }
}

package io.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.local.Platform;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * A text message through the whole platform: api-ingress -> send-commands -> dispatcher -> Cloud API simulator ->
 * signed status webhooks -> webhook-ingest -> status-updates -> status-projector -> the status query on the API.
 */
class TextMessageEndToEndTest {

    private final Platform platform = RunningPlatform.get();

    @Test
    void theSeedsTextMessageIsAcceptedAsQueuedThenMovesThroughSentAndDeliveredToRead() {
        Customers.writeToTheBusiness(platform, "+919876543210");
        Http.Answer accepted = Http.post(platform.apiUrl() + "/messages/text", RunningPlatform.API_KEY, """
                {
                  "to": "+919876543210",
                  "message": "Hello! This is a test message from the API.",
                  "reference": "test-msg-001"
                }""");

        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.body().path("success").asBoolean()).isTrue();
        assertThat(accepted.body().path("data").path("status").asText()).isEqualTo("queued");
        assertThat(accepted.body().path("meta").path("request_id").asText()).isNotBlank();
        JsonNode rateLimit = accepted.body().path("meta").path("rate_limit");
        assertThat(rateLimit.path("limit").asInt()).isPositive();
        assertThat(rateLimit.path("remaining").asInt()).isLessThan(rateLimit.path("limit").asInt());
        assertThat(Instant.parse(rateLimit.path("reset_at").asText())).isAfter(Instant.now().minusSeconds(1));
        String messageId = accepted.body().path("data").path("message_id").asText();

        JsonNode read = awaitStatus(messageId, "read");

        assertThat(read.path("reference").asText()).isEqualTo("test-msg-001");
        List<String> steps = new ArrayList<>();
        List<Instant> times = new ArrayList<>();
        read.path("timeline").forEach(step -> {
            steps.add(step.path("status").asText());
            // WhatsApp's webhook timestamps have whole-second precision; ours have milliseconds.
            times.add(Instant.parse(step.path("timestamp").asText()).truncatedTo(ChronoUnit.SECONDS));
        });
        assertThat(steps).containsExactly("queued", "sent", "delivered", "read");
        assertThat(times).isSorted();
    }

    @Test
    void whatTheSimulatorReceivedIsTheAcceptedTextWithOurMessageIdAsCallbackData() {
        String body = "Your order ORD-12345 has shipped";
        Customers.writeToTheBusiness(platform, "+14155550123");
        String messageId = Http.post(platform.apiUrl() + "/messages/text", RunningPlatform.API_KEY,
                "{\"to\":\"+14155550123\",\"message\":\"" + body + "\"}").body().path("data").path("message_id").asText();

        String[] wamid = new String[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            wamid[0] = status(messageId).path("wamid").asText("");
            assertThat(wamid[0]).startsWith("wamid.");
        });
        JsonNode sent = Http.get(platform.simulatorUrl() + "/_sim/messages/" + wamid[0], null).body();

        String request = sent.toString();
        assertThat(request).contains(body).contains(messageId).contains("14155550123");
    }

    @Test
    void fiftyMessagesToTenRecipientsAllReachRead() {
        Map<String, String> recipientsById = new ConcurrentHashMap<>();
        for (int i = 0; i < 10; i++) {
            Customers.writeToTheBusiness(platform, "+4915112345" + String.format("%03d", i));
        }
        for (int i = 0; i < 50; i++) {
            String to = "+4915112345" + String.format("%03d", i % 10);
            Http.Answer answer = Http.post(platform.apiUrl() + "/messages/text", RunningPlatform.API_KEY,
                    "{\"to\":\"" + to + "\",\"message\":\"Message " + i + "\",\"reference\":\"bulk-" + i + "\"}");
            assertThat(answer.status()).as(answer.body().toString()).isEqualTo(202);
            recipientsById.put(answer.body().path("data").path("message_id").asText(), to);
        }

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                assertThat(recipientsById.keySet()).allSatisfy(id ->
                        assertThat(status(id).path("status").asText()).isEqualTo("read")));
    }

    @Test
    void anUnknownKeyIsRefusedAndAMessageOfNobodyIsNotFound() {
        Http.Answer refused = Http.post(platform.apiUrl() + "/messages/text", "pk_live_unknown",
                "{\"to\":\"+919876543210\",\"message\":\"Hi\"}");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.body().path("error").path("code").asText()).isEqualTo("INVALID_API_KEY");

        Http.Answer missing = Http.get(platform.apiUrl() + "/messages/" + java.util.UUID.randomUUID(),
                RunningPlatform.API_KEY);
        assertThat(missing.status()).isEqualTo(404);
    }

    private JsonNode awaitStatus(String messageId, String expected) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            last[0] = status(messageId);
            assertThat(last[0].path("status").asText()).isEqualTo(expected);
        });
        return last[0];
    }

    private JsonNode status(String messageId) {
        Http.Answer answer = Http.get(platform.apiUrl() + "/messages/" + messageId, RunningPlatform.API_KEY);
        return answer.status() == 200 ? answer.body().path("data") : answer.body();
    }
}

package io.switchboard.ingress.idempotency;

import static io.switchboard.ingress.support.IngressApp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.ingress.support.CloudApiPeer;
import io.switchboard.ingress.support.IngressApp;
import io.switchboard.ingress.support.SendCommandsProbe;
import io.switchboard.schemas.avro.Permission;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Idempotency-Key on sends: replay of the first answer, another body refused, a duplicate in flight told to wait. */
class IdempotencyTest {

    private static CloudApiPeer peer;
    private static IngressApp app;
    private static SendCommandsProbe probe;

    @BeforeAll
    static void start() {
        peer = new CloudApiPeer();
        app = IngressApp.start(peer.config());
        probe = new SendCommandsProbe();
    }

    @AfterAll
    static void stop() {
        probe.close();
        app.close();
        peer.close();
    }

    private static String text(String to) {
        return "{\"to\":\"" + to + "\",\"message\":\"Order shipped\",\"reference\":\"ship-1\"}";
    }

    private static String newKey() {
        return "order-" + UUID.randomUUID();
    }

    private static long queuedFor(String recipient) {
        return probe.poll().stream().filter(r -> r.value().getRecipient().equals(recipient)).count();
    }

    @Test
    void theSameKeyAndBodyReplaysTheFirstAnswerAndQueuesOnce() {
        awaitFreshMinute();
        String apiKey = app.createKey(3, Permission.SEND_TEXT);
        String idempotencyKey = newKey();
        String recipient = "+14155550001";

        HttpResponse<String> first = app.post("/messages/text", apiKey, text(recipient),
                "Idempotency-Key", idempotencyKey);
        HttpResponse<String> again = app.post("/messages/text", apiKey, text(recipient),
                "Idempotency-Key", idempotencyKey);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(202);
        JsonNode firstData = json(first).get("data");
        JsonNode againData = json(again).get("data");
        assertThat(againData.get("message_id").asText()).isEqualTo(firstData.get("message_id").asText());
        assertThat(againData.get("reference").asText()).isEqualTo("ship-1");
        assertThat(againData.get("status").asText()).isEqualTo("queued");
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
        // The replay consumed no quota.
        assertThat(json(again).get("meta").get("rate_limit").get("remaining").asInt()).isEqualTo(2);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> queuedFor(recipient) == 1);
    }

    @Test
    void theSameKeyWithAnotherBodyOrEndpointIs422() {
        String apiKey = app.createKey(100, Permission.SEND_TEXT, Permission.SEND_MEDIA);
        String idempotencyKey = newKey();
        assertThat(app.post("/messages/text", apiKey, text("+14155550002"), "Idempotency-Key", idempotencyKey)
                .statusCode()).isEqualTo(202);

        HttpResponse<String> otherBody = app.post("/messages/text", apiKey, text("+14155550003"),
                "Idempotency-Key", idempotencyKey);
        HttpResponse<String> otherEndpoint = app.post("/messages/media", apiKey,
                "{\"type\":\"image\",\"to\":\"+14155550002\",\"link\":\"https://example.com/a.png\"}",
                "Idempotency-Key", idempotencyKey);

        assertThat(otherBody.statusCode()).isEqualTo(422);
        assertThat(json(otherBody).get("error").get("code").asText()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(otherEndpoint.statusCode()).isEqualTo(422);
        assertThat(queuedFor("+14155550003")).isZero();
    }

    @Test
    void aDuplicateWhileTheFirstIsInFlightIs409WithRetryAfter() throws Exception {
        String apiKey = app.createKey(100, Permission.SEND_MEDIA);
        String idempotencyKey = newKey();
        String body = "{\"type\":\"image\",\"to\":\"+14155550004\",\"mime_type\":\"image/png\",\"base64\":\""
                + Base64.getEncoder().encodeToString(new byte[] {1, 2, 3}) + "\"}";
        int uploadsBefore = peer.uploads().size();
        CountDownLatch held = peer.holdMedia();
        CompletableFuture<HttpResponse<String>> first = HttpClient.newHttpClient().sendAsync(
                HttpRequest.newBuilder(app.uri("/api/v1/external/messages/media"))
                        .header("Content-Type", "application/json").header("X-API-Key", apiKey)
                        .header("Idempotency-Key", idempotencyKey)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        await("upload in flight").atMost(Duration.ofSeconds(10)).until(() -> peer.uploads().size() > uploadsBefore);

        HttpResponse<String> duplicate = app.post("/messages/media", apiKey, body, "Idempotency-Key", idempotencyKey);

        assertThat(duplicate.statusCode()).as(duplicate.body()).isEqualTo(409);
        assertThat(json(duplicate).get("error").get("code").asText()).isEqualTo("IDEMPOTENCY_KEY_IN_PROGRESS");
        long retryAfter = json(duplicate).get("error").get("retry_after").asLong();
        assertThat(retryAfter).isBetween(1L, 60L);
        assertThat(duplicate.headers().firstValue("Retry-After")).hasValue(Long.toString(retryAfter));

        held.countDown();
        HttpResponse<String> done = first.get();
        assertThat(done.statusCode()).as(done.body()).isEqualTo(202);
        HttpResponse<String> replay = app.post("/messages/media", apiKey, body, "Idempotency-Key", idempotencyKey);
        assertThat(json(replay).get("data").get("message_id").asText())
                .isEqualTo(json(done).get("data").get("message_id").asText());
        assertThat(peer.uploads()).hasSize(uploadsBefore + 1);
    }

    @Test
    void aRequestThatQueuedNothingReleasesItsKey() {
        String apiKey = app.createKey(100, Permission.SEND_MEDIA);
        String idempotencyKey = newKey();
        String body = "{\"type\":\"image\",\"to\":\"+14155550005\",\"mime_type\":\"image/png\",\"base64\":\"AQID\"}";
        peer.answerMediaWith(500);
        HttpResponse<String> failed;
        try {
            failed = app.post("/messages/media", apiKey, body, "Idempotency-Key", idempotencyKey);
        } finally {
            peer.answerMediaWith(200);
        }

        HttpResponse<String> retried = app.post("/messages/media", apiKey, body, "Idempotency-Key", idempotencyKey);

        assertThat(failed.statusCode()).isEqualTo(502);
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(202);
        assertThat(retried.headers().firstValue("Idempotent-Replayed")).isEmpty();
    }

    @Test
    void keysAreScopedPerApiKeyAndMustBeWellFormed() {
        String one = app.createKey(100, Permission.SEND_TEXT);
        String two = app.createKey(100, Permission.SEND_TEXT);
        String idempotencyKey = newKey();

        HttpResponse<String> first = app.post("/messages/text", one, text("+14155550006"), "Idempotency-Key",
                idempotencyKey);
        HttpResponse<String> second = app.post("/messages/text", two, text("+14155550006"), "Idempotency-Key",
                idempotencyKey);
        HttpResponse<String> malformed = app.post("/messages/text", one, text("+14155550006"), "Idempotency-Key",
                "k".repeat(256));

        assertThat(json(second).get("data").get("message_id").asText())
                .isNotEqualTo(json(first).get("data").get("message_id").asText());
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(json(malformed).get("error").get("message").asText())
                .isEqualTo("Idempotency-Key must be 1 to 255 printable ASCII characters without spaces");
    }

    private static void awaitFreshMinute() {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> Instant.now().atOffset(ZoneOffset.UTC).getSecond() < 55);
    }
}

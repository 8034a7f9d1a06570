package io.switchboard.ingress.http;

import static io.switchboard.ingress.support.IngressApp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.ingress.support.IngressApp;
import io.switchboard.ingress.support.SendCommandsProbe;
import io.switchboard.schemas.avro.Permission;
import io.switchboard.testkit.RedisTestServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Per-key, per-minute limits enforced in Redis; without Redis nothing is queued. */
class RateLimitTest {

    private static final String BODY = "{\"to\":\"+919876543210\",\"message\":\"Your code is 481516\"}";

    @Test
    void aKeyWithThreePerMinuteGetsThreeAndThenA429WithRetryAfter() {
        try (IngressApp app = IngressApp.start(Map.of())) {
            String key = app.createKey(3, Permission.SEND_TEXT);
            awaitFreshMinute();

            for (int remaining = 2; remaining >= 0; remaining--) {
                HttpResponse<String> accepted = app.postText(key, BODY);
                assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
                assertThat(json(accepted).get("meta").get("rate_limit").get("remaining").asInt()).isEqualTo(remaining);
                assertThat(accepted.headers().firstValue("RateLimit-Remaining")).hasValue(Integer.toString(remaining));
            }

            HttpResponse<String> refused = app.postText(key, BODY);

            assertThat(refused.statusCode()).isEqualTo(429);
            JsonNode error = json(refused).get("error");
            assertThat(error.get("code").asText()).isEqualTo("RATE_LIMIT_EXCEEDED");
            assertThat(error.get("limit").asText()).isEqualTo("per_minute");
            assertThat(error.get("message").asText()).contains("3 requests per minute");
            long retryAfter = error.get("retry_after").asLong();
            assertThat(retryAfter).isBetween(1L, 60L);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue(Long.toString(retryAfter));
            assertThat(json(refused).get("meta").get("rate_limit").get("remaining").asInt()).isZero();
        }
    }

    @Test
    void withoutRedisNothingIsQueuedAndTheAnswerIs503() {
        RedisTestServer redis = RedisTestServer.start();
        try (IngressApp app = IngressApp.start(Map.of("redis.uri", redis.uri(),
                "switchboard.ingress.rate-limiter-timeout", "1s"));
             SendCommandsProbe probe = new SendCommandsProbe()) {
            String recipient = "+4915112345678";
            String body = "{\"to\":\"" + recipient + "\",\"message\":\"hello\"}";
            assertThat(app.postText(app.apiKey(), body).statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(10)).until(() -> probe.poll().stream()
                    .anyMatch(r -> r.value().getRecipient().equals(recipient)));
            int queuedBefore = probe.poll().size();

            redis.close();

            HttpResponse<String> refused = app.postText(app.apiKey(), body);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
            assertThat(json(refused).get("error").get("code").asText()).isEqualTo("RATE_LIMITER_UNAVAILABLE");
            await("nothing queued").during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                    .until(() -> probe.poll().size() == queuedBefore);
            HttpResponse<String> health = app.send("GET", "/health", null);
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(json(health).get("details").get("redis").get("status").asText()).isEqualTo("DOWN");
        } finally {
            redis.close();
        }
    }

    @Test
    void aKeyWithTwoPerDayGetsTwoAndThenA429NamingTheDailyLimit() {
        try (IngressApp app = IngressApp.start(Map.of())) {
            String key = app.createKey(60, 2, Permission.SEND_TEXT);
            awaitFreshMinute();
            assertThat(app.postText(key, BODY).statusCode()).isEqualTo(202);
            assertThat(app.postText(key, BODY.replace("+919876543210", "+919876543211")).statusCode())
                    .isEqualTo(202);

            HttpResponse<String> refused = app.postText(key, BODY.replace("+919876543210", "+919876543212"));

            assertThat(refused.statusCode()).isEqualTo(429);
            JsonNode error = json(refused).get("error");
            assertThat(error.get("code").asText()).isEqualTo("RATE_LIMIT_EXCEEDED");
            assertThat(error.get("limit").asText()).isEqualTo("per_day");
            assertThat(error.get("message").asText()).contains("2 requests per day");
            long untilMidnight = Duration.between(Instant.now(),
                    Instant.now().atOffset(ZoneOffset.UTC).toLocalDate().plusDays(1).atStartOfDay()
                            .toInstant(ZoneOffset.UTC)).toSeconds();
            assertThat(error.get("retry_after").asLong()).isBetween(untilMidnight - 5, untilMidnight + 5);
            assertThat(refused.headers().firstValue("Retry-After"))
                    .hasValue(error.get("retry_after").asText());
            // The headers and meta describe the limit that was hit, the day's: 2 of 2 used, reset at midnight UTC.
            JsonNode rateLimit = json(refused).get("meta").get("rate_limit");
            assertThat(rateLimit.get("limit").asInt()).isEqualTo(2);
            assertThat(rateLimit.get("remaining").asInt()).isZero();
            assertThat(Instant.parse(rateLimit.get("reset_at").asText())).isEqualTo(Instant.now()
                    .atOffset(ZoneOffset.UTC).toLocalDate().plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
            assertThat(refused.headers().firstValue("RateLimit-Limit")).hasValue("2");
            assertThat(refused.headers().firstValue("RateLimit-Remaining")).hasValue("0");
            long reset = Long.parseLong(refused.headers().firstValue("RateLimit-Reset").orElseThrow());
            assertThat(reset).isBetween(untilMidnight - 5, untilMidnight + 5);
            // Accepted sends still report the per-minute window.
            HttpResponse<String> accepted = app.postText(app.createKey(60, 5, Permission.SEND_TEXT), BODY);
            assertThat(accepted.headers().firstValue("RateLimit-Limit")).hasValue("60");
        }
    }

    @Test
    void tenMessagesAMinuteToOneRecipientThenA429ForThatRecipientOnly() {
        try (IngressApp app = IngressApp.start(Map.of())) {
            String key = app.createKey(100, Permission.SEND_TEXT);
            awaitFreshMinute();
            for (int i = 0; i < 10; i++) {
                assertThat(app.postText(key, BODY).statusCode()).isEqualTo(202);
            }

            HttpResponse<String> refused = app.postText(key, BODY);

            assertThat(refused.statusCode()).isEqualTo(429);
            JsonNode error = json(refused).get("error");
            assertThat(error.get("limit").asText()).isEqualTo("per_recipient");
            assertThat(error.get("message").asText()).contains("10 messages per minute from this API key to this "
                    + "recipient");
            assertThat(error.get("retry_after").asLong()).isBetween(1L, 60L);
            // The window reported is the recipient's, the one that was hit.
            assertThat(json(refused).get("meta").get("rate_limit").get("limit").asInt()).isEqualTo(10);
            assertThat(json(refused).get("meta").get("rate_limit").get("remaining").asInt()).isZero();
            assertThat(refused.headers().firstValue("RateLimit-Limit")).hasValue("10");
            // Another recipient is still fine.
            assertThat(app.postText(key, BODY.replace("+919876543210", "+14155550100")).statusCode())
                    .isEqualTo(202);
        }
    }

    /** Three requests must land in one calendar minute: skip the last seconds of the current one. */
    private static void awaitFreshMinute() {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> Instant.now().atOffset(ZoneOffset.UTC).getSecond() < 55);
    }
}

package io.switchboard.ingress.http;

import static io.switchboard.ingress.support.IngressApp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.ingress.support.IngressApp;
import io.switchboard.schemas.avro.ApiKey;
import io.switchboard.schemas.avro.Permission;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of bad input is answered in the error envelope with the right status and code, never with a 5xx. */
class BadRequestsTest {

    private static final String TEXT = "/api/v1/external/messages/text";
    private static IngressApp app;
    private static String key;

    @BeforeAll
    static void start() {
        app = IngressApp.start(Map.of());
        key = app.createKey(100_000, Permission.SEND_TEXT, Permission.VIEW_MESSAGES);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static Stream<Arguments> badBodies() {
        return Stream.of(
                Arguments.of("{\"to\":\"9876543210\",\"message\":\"hi\"}", 400, "INVALID_PHONE_NUMBER",
                        "Phone number must be in E.164 format, e.g. +919876543210; "
                                + "to must start with + and the country code (e.g. +91 for India, +1 for the US)"),
                Arguments.of("{\"to\":\"+919876543210\"}", 400, "VALIDATION_ERROR", "message is required"),
                Arguments.of("{\"to\":\"+919876543210\",\"message\":\"" + "a".repeat(4097) + "\"}", 400,
                        "VALIDATION_ERROR", "message must be at most 4096 characters"),
                Arguments.of("{\"to\":\"+919876543210\",\"message\":\"hi\",\"reference\":\"" + "r".repeat(101)
                        + "\"}", 400, "VALIDATION_ERROR", "reference must be at most 100 characters"),
                Arguments.of("{\"to\":123,\"message\":\"hi\"}", 400, "VALIDATION_ERROR", "to must be a string"),
                Arguments.of("{\"to\":\"+919876543210\",\"message\":{}}", 400, "VALIDATION_ERROR",
                        "message must be a string"),
                Arguments.of("{\"to\":\"+919876543210\",", 400, "VALIDATION_ERROR", "Request body is not valid JSON"),
                Arguments.of("", 400, "VALIDATION_ERROR", "Request body is empty; send a JSON object"),
                Arguments.of("[]", 400, "VALIDATION_ERROR", "Request body must be a JSON object"));
    }

    @ParameterizedTest
    @MethodSource("badBodies")
    void aBadBodyIsRefusedWithTheFieldNamed(String body, int status, String code, String message) {
        assertError(app.postText(key, body), status, code, message);
    }

    @Test
    void bytesThatAreNotUtf8AreRefused() {
        byte[] latin1 = "{\"to\":\"+919876543210\",\"message\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);

        assertError(app.send("POST", TEXT, latin1, "Content-Type", "application/json", "X-API-Key", key), 400,
                "VALIDATION_ERROR", "Request body is not valid UTF-8");
    }

    @Test
    void aNonJsonContentTypeIsRefusedWith415() {
        assertError(app.send("POST", TEXT, "to=+919876543210&message=hi".getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/x-www-form-urlencoded", "X-API-Key", key), 415,
                "UNSUPPORTED_MEDIA_TYPE", "Content-Type must be application/json");
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413() {
        byte[] huge = ("{\"to\":\"+919876543210\",\"message\":\"" + "a".repeat(1_100_000) + "\"}")
                .getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = app.send("POST", TEXT, huge, "Content-Type", "application/json",
                "X-API-Key", key);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json(response).get("error").get("code").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
    }

    @Test
    void missingAndUnknownKeysAreRefusedWith401() {
        String body = SendTextEndpointTest.SEED_BODY;
        HttpResponse<String> missing = app.send("POST", TEXT, body.getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/json");

        assertError(missing, 401, "INVALID_API_KEY", "Missing or invalid API key. Send it in the X-API-Key header.");
        assertError(app.postText("pk_live_not_a_key", body), 401, "INVALID_API_KEY",
                "Missing or invalid API key. Send it in the X-API-Key header.");
    }

    @Test
    void authenticationComesBeforeBodyValidation() {
        assertThat(app.postText("pk_live_not_a_key", "{").statusCode()).isEqualTo(401);
    }

    @Test
    void aKeyWithoutSendTextIsRefusedWith403BeforeItsBodyIsRead() {
        String viewer = app.createKey(60, Permission.VIEW_MESSAGES);

        assertThat(json(app.postText(viewer, "{")).get("error").get("code").asText()).isEqualTo("PERMISSION_DENIED");
        assertThat(app.postText(viewer, SendTextEndpointTest.SEED_BODY).statusCode()).isEqualTo(403);
    }

    @Test
    void aKeyTurnedInactiveIsRefusedWithinSeconds() {
        String secret = app.createKey(60, Permission.SEND_TEXT);
        assertThat(app.postText(secret, SendTextEndpointTest.SEED_BODY).statusCode()).isEqualTo(202);

        ApiKey inactive = app.newKey(secret, 60, false, List.of(Permission.SEND_TEXT));
        IngressApp.publish(inactive);

        await("inactive key refused").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> app.postText(secret, "{\"to\":\"+919876543210\"}").statusCode() == 401);
    }

    @Test
    void unknownPathsAndWrongMethodsAnswerInTheEnvelope() {
        HttpResponse<String> unknown = app.send("GET", "/api/v1/external/nothing-here", null);
        HttpResponse<String> wrongMethod = app.send("DELETE", TEXT, null, "X-API-Key", key);

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).get("error").get("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(json(wrongMethod).get("error").get("code").asText()).isEqualTo("METHOD_NOT_ALLOWED");
        assertThat(json(wrongMethod).get("meta").get("request_id").asText())
                .isEqualTo(wrongMethod.headers().firstValue("X-Request-Id").orElseThrow());
    }

    @Test
    void aClientThatAcceptsOnlyHtmlGets406InTheJsonEnvelope() {
        HttpResponse<String> response = app.send("POST", TEXT, "{".getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/json", "Accept", "text/html", "X-API-Key", key);

        assertThat(response.statusCode()).isEqualTo(406);
        assertThat(json(response).get("error").get("code").asText()).isEqualTo("NOT_ACCEPTABLE");
    }

    @Test
    void invalidRequestsDoNotConsumeQuota() {
        String single = app.createKey(1, Permission.SEND_TEXT);
        for (int i = 0; i < 5; i++) {
            assertThat(app.postText(single, "{\"to\":\"nope\",\"message\":\"hi\"}").statusCode()).isEqualTo(400);
        }

        HttpResponse<String> valid = app.postText(single, "{\"to\":\"+919876543210\",\"message\":\"hi\"}");

        assertThat(valid.statusCode()).as(valid.body()).isEqualTo(202);
        assertThat(json(valid).get("meta").get("rate_limit").get("remaining").asInt()).isZero();
    }

    @Test
    void hundredsOfMangledBodiesNeverCauseA5xx() {
        Random random = new Random(20251219L);
        String seed = SendTextEndpointTest.SEED_BODY;
        for (int i = 0; i < 300; i++) {
            byte[] body = mangle(seed.getBytes(StandardCharsets.UTF_8), random);
            String contentType = random.nextInt(10) == 0 ? "text/plain" : "application/json";
            HttpResponse<String> response = app.send("POST", TEXT, body, "Content-Type", contentType,
                    "X-API-Key", key);

            assertThat(response.statusCode()).as("body %s -> %s", new String(body, StandardCharsets.UTF_8),
                    response.body()).isLessThan(500);
            JsonNode answer = json(response);
            assertThat(answer.get("success").asBoolean()).isEqualTo(response.statusCode() == 202);
            assertThat(answer.get("meta").get("request_id").asText()).startsWith("req_");
        }
    }

    static byte[] mangle(byte[] body, Random random) {
        byte[] out = body.clone();
        switch (random.nextInt(6)) {
            case 0 -> out[random.nextInt(out.length)] = (byte) random.nextInt(256);
            case 1 -> out = java.util.Arrays.copyOf(out, random.nextInt(out.length));
            case 2 -> {
                String[] values = {"null", "true", "1e999", "-0", "[]", "{}", "\"\\ud800\"", "\"\"", "123456789012345678901234567890",
                        "\"+919876543210\"", "\"" + UUID.randomUUID() + "\""};
                String field = List.of("to", "message", "reference").get(random.nextInt(3));
                String text = new String(out, StandardCharsets.UTF_8)
                        .replaceFirst("\"" + field + "\":\\s*\"[^\"]*\"", "\"" + field + "\": "
                                + values[random.nextInt(values.length)]);
                out = text.getBytes(StandardCharsets.UTF_8);
            }
            case 3 -> {
                for (int flips = 0; flips < 8; flips++) {
                    out[random.nextInt(out.length)] = (byte) random.nextInt(256);
                }
            }
            case 4 -> out = ("[" + new String(out, StandardCharsets.UTF_8) + "]").getBytes(StandardCharsets.UTF_8);
            default -> {
                byte[] noise = new byte[random.nextInt(64)];
                random.nextBytes(noise);
                out = noise;
            }
        }
        return out;
    }

    private static void assertError(HttpResponse<String> response, int status, String code, String message) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = json(response);
        assertThat(body.get("success").asBoolean()).isFalse();
        assertThat(body.get("error").get("code").asText()).isEqualTo(code);
        assertThat(body.get("error").get("message").asText()).isEqualTo(message);
        assertThat(body.get("meta").get("request_id").asText())
                .isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
    }
}

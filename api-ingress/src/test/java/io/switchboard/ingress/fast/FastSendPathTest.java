package io.switchboard.ingress.fast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.switchboard.ingress.support.IngressApp;
import io.switchboard.ingress.support.RawHttp;
import io.switchboard.ingress.support.SendCommandsProbe;
import io.switchboard.schemas.avro.Permission;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fast path of the two hot send routes, over raw HTTP/1.1: the same answers as the framework's path, the
 * connection handling a client may rely on (keep-alive, pipelining in order, chunked bodies, Connection: close), and
 * what it leaves to the framework.
 */
class FastSendPathTest {

    private static final String TEXT = "/api/v1/external/messages/text";
    private static final String BODY = "{\"to\":\"+919876543210\",\"message\":\"Hello\",\"reference\":\"fast-1\"}";
    private static IngressApp app;
    private static FastSends fast;

    @BeforeAll
    static void start() {
        app = IngressApp.start(Map.of("switchboard.ingress.max-body-size", 2048));
        fast = app.context().getBean(FastSends.class);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static RawHttp connect() throws IOException {
        return new RawHttp(app.context().getBean(EmbeddedServer.class).getPort());
    }

    private static JsonNode json(RawHttp.Response response) throws IOException {
        return IngressApp.JSON.readTree(response.body());
    }

    private static String text(String key, String body, String... headers) {
        String[] all = new String[headers.length + 4];
        all[0] = "Content-Type";
        all[1] = "application/json";
        all[2] = "X-API-Key";
        all[3] = key;
        System.arraycopy(headers, 0, all, 4, headers.length);
        return RawHttp.request("POST", TEXT, body, all);
    }

    @Test
    void aTextSendIsAnsweredByTheFastPathWith202AndQueued() throws IOException {
        long before = fast.served();
        try (SendCommandsProbe probe = new SendCommandsProbe(); RawHttp http = connect()) {
            RawHttp.Response response = http.write(text(app.apiKey(), BODY)).read();

            assertThat(response.status()).as(response.body()).isEqualTo(202);
            JsonNode body = json(response);
            assertThat(body.at("/data/status").asText()).isEqualTo("queued");
            assertThat(body.at("/meta/request_id").asText()).isEqualTo(response.headers().get("x-request-id"));
            assertThat(response.headers().get("content-type")).isEqualTo("application/json");
            assertThat(response.headers()).containsKeys("ratelimit-limit", "ratelimit-remaining", "ratelimit-reset");
            String messageId = body.at("/data/message_id").asText();
            await().atMost(Duration.ofSeconds(10)).until(() -> probe.find(messageId) != null);
        }
        assertThat(fast.served()).isGreaterThan(before);
    }

    @Test
    void errorsOfTheFastPathAreTheApisEnvelopes() throws IOException {
        try (RawHttp http = connect()) {
            RawHttp.Response badJson = http.write(text(app.apiKey(), "{\"to\":")).read();
            assertThat(badJson.status()).isEqualTo(400);
            assertThat(json(badJson).at("/error/code").asText()).isEqualTo("VALIDATION_ERROR");
            assertThat(json(badJson).at("/meta/request_id").asText()).isEqualTo(badJson.headers().get("x-request-id"));

            RawHttp.Response wrongType = http.write(RawHttp.request("POST", TEXT, BODY, "Content-Type", "text/plain",
                    "X-API-Key", app.apiKey())).read();
            assertThat(wrongType.status()).isEqualTo(415);
            assertThat(json(wrongType).at("/error/code").asText()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");

            RawHttp.Response noKey = http.write(RawHttp.request("POST", TEXT, BODY, "Content-Type",
                    "application/json")).read();
            assertThat(noKey.status()).isEqualTo(401);
            assertThat(json(noKey).at("/error/code").asText()).isEqualTo("INVALID_API_KEY");

            RawHttp.Response badKey = http.write(text("pk_live_unknown", BODY)).read();
            assertThat(badKey.status()).isEqualTo(401);
            assertThat(json(badKey).at("/error/code").asText()).isEqualTo("INVALID_API_KEY");
        }
    }

    @Test
    void aRefusedSendCarriesRetryAfterAndTheRateLimitHeaders() throws IOException {
        String key = app.createKey(1, Permission.SEND_TEXT);
        try (RawHttp http = connect()) {
            assertThat(http.write(text(key, BODY)).read().status()).isEqualTo(202);
            RawHttp.Response refused = http.write(text(key, BODY.replace("9876543210", "9876543211"))).read();

            assertThat(refused.status()).isEqualTo(429);
            assertThat(json(refused).at("/error/code").asText()).isEqualTo("RATE_LIMIT_EXCEEDED");
            assertThat(refused.headers().get("retry-after")).isEqualTo(json(refused).at("/error/retry_after").asText());
            assertThat(refused.headers().get("ratelimit-remaining")).isEqualTo("0");
        }
    }

    @Test
    void anIdempotencyKeyIsReplayedOnTheFastPath() throws IOException {
        try (RawHttp http = connect()) {
            RawHttp.Response first = http.write(text(app.apiKey(), BODY, "Idempotency-Key", "fast-idem-1")).read();
            RawHttp.Response again = http.write(text(app.apiKey(), BODY, "Idempotency-Key", "fast-idem-1")).read();

            assertThat(first.status()).isEqualTo(202);
            assertThat(again.status()).isEqualTo(202);
            assertThat(again.headers().get("idempotent-replayed")).isEqualTo("true");
            assertThat(json(again).at("/data/message_id").asText())
                    .isEqualTo(json(first).at("/data/message_id").asText());
        }
    }

    @Test
    void oneConnectionServesFastAndFrameworkRequestsInTurn() throws IOException {
        try (RawHttp http = connect()) {
            for (int i = 0; i < 3; i++) {
                assertThat(http.write(text(app.apiKey(), BODY)).read().status()).isEqualTo(202);
                RawHttp.Response status = http.write(RawHttp.request("GET",
                        "/api/v1/external/messages/not-a-uuid", null, "X-API-Key", app.apiKey())).read();
                assertThat(status.status()).isEqualTo(404);
                assertThat(json(status).at("/error/code").asText()).isEqualTo("MESSAGE_NOT_FOUND");
            }
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInTheirOrder() throws IOException {
        try (RawHttp http = connect()) {
            http.write(text(app.apiKey(), BODY.replace("fast-1", "p1"))
                    + RawHttp.request("GET", "/api/v1/external/messages/not-a-uuid", null, "X-API-Key", app.apiKey())
                    + text(app.apiKey(), BODY.replace("fast-1", "p3"))
                    + text(app.apiKey(), "not json")
                    + RawHttp.request("GET", "/nowhere", null));

            RawHttp.Response first = http.read();
            RawHttp.Response second = http.read();
            RawHttp.Response third = http.read();
            RawHttp.Response fourth = http.read();
            RawHttp.Response fifth = http.read();
            assertThat(first.status()).isEqualTo(202);
            assertThat(json(first).at("/data/reference").asText()).isEqualTo("p1");
            assertThat(second.status()).isEqualTo(404);
            assertThat(third.status()).isEqualTo(202);
            assertThat(json(third).at("/data/reference").asText()).isEqualTo("p3");
            assertThat(fourth.status()).isEqualTo(400);
            assertThat(fifth.status()).isEqualTo(404);
            assertThat(json(fifth).at("/error/code").asText()).isEqualTo("NOT_FOUND");
        }
    }

    @Test
    void aChunkedBodyIsReadWhole() throws IOException {
        try (RawHttp http = connect()) {
            RawHttp.Response response = http.write(RawHttp.chunked(TEXT,
                    new String[] {"{\"to\":\"+9198765", "43210\",\"message\":\"Hel", "lo\",\"reference\":\"chunked\"}"},
                    "Content-Type", "application/json", "X-API-Key", app.apiKey())).read();

            assertThat(response.status()).as(response.body()).isEqualTo(202);
            assertThat(json(response).at("/data/reference").asText()).isEqualTo("chunked");
        }
    }

    @Test
    void aBodyOverTheLimitIs413DeclaredOrChunked() throws IOException {
        String big = "{\"to\":\"+919876543210\",\"message\":\"" + "x".repeat(3000) + "\"}";
        try (RawHttp http = connect()) {
            RawHttp.Response declared = http.write(text(app.apiKey(), big)).read();
            assertThat(declared.status()).isEqualTo(413);
            assertThat(json(declared).at("/error/code").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
        }
        try (RawHttp http = connect()) {
            RawHttp.Response chunked = http.write(RawHttp.chunked(TEXT, new String[] {big.substring(0, 1500),
                    big.substring(1500)}, "Content-Type", "application/json", "X-API-Key", app.apiKey())).read();
            assertThat(chunked.status()).isEqualTo(413);
            assertThat(json(chunked).at("/error/code").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
            // the connection is still usable after the refused body
            assertThat(http.write(text(app.apiKey(), BODY)).read().status()).isEqualTo(202);
        }
    }

    @Test
    void connectionCloseIsHonoured() throws IOException {
        try (RawHttp http = connect()) {
            RawHttp.Response response = http.write(text(app.apiKey(), BODY, "Connection", "close")).read();

            assertThat(response.status()).isEqualTo(202);
            assertThat(response.headers().get("connection")).isEqualTo("close");
            assertThat(http.closedByServer()).isTrue();
        }
    }
}

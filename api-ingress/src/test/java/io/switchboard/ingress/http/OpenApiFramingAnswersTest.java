package io.switchboard.ingress.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.switchboard.ingress.support.IngressApp;
import io.switchboard.ingress.support.OpenApiSpec;
import io.switchboard.testkit.FramingAttacks;
import io.switchboard.testkit.FramingAttacks.Attack;
import io.switchboard.testkit.FramingAttacks.Target;
import io.switchboard.testkit.HttpWire;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The refusals of the HTTP framing guard, which come before any route and so belong to no operation, match what the
 * OpenAPI document says of them: raw-socket requests with broken framing, a long URL, large headers, another HTTP
 * version and a trickling client are answered with their documented status in the {@code ErrorEnvelope} schema
 * (its {@code ErrorCode} enum included) and {@code X-Request-Id}.
 */
class OpenApiFramingAnswersTest {

    private static final String TEXT = "/api/v1/external/messages/text";
    private static IngressApp app;

    @BeforeAll
    static void start() {
        app = IngressApp.start(Map.of("switchboard.http.header-timeout", "1s"));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static int port() {
        return app.context().getBean(EmbeddedServer.class).getPort();
    }

    @Test
    void everyFramingRefusalIsTheDocumentedEnvelopeWithItsStatus() throws Exception {
        Target send = Target.post(TEXT, "{\"to\":\"+919876543210\",\"message\":\"Hello\"}",
                "Content-Type", "application/json", "X-API-Key", app.apiKey());
        Map<String, Integer> statuses = Map.of("MALFORMED_REQUEST", 400, "URI_TOO_LONG", 414, "HEADERS_TOO_LARGE", 431,
                "HTTP_VERSION_NOT_SUPPORTED", 505, "REQUEST_TIMEOUT", 408);
        List<Attack> attacks = new ArrayList<>(FramingAttacks.all(send, ""));
        attacks.add(new Attack("HTTP/1.2", FramingAttacks.head(send).replace(" HTTP/1.1\r\n", " HTTP/1.2\r\n"), 505));
        List<String> problems = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        for (Attack attack : attacks) {
            check(attack.name(), FramingAttacks.assertRefusedAndClosed(port(), attack), statuses, problems, codes);
        }
        String trickled = FramingAttacks.head(send, "Content-Length: " + send.body().length()) + send.body();
        check("a trickling client", FramingAttacks.assertTrickleTimedOut(port(), trickled, Duration.ofMillis(200)),
                statuses, problems, codes);

        assertThat(codes).containsAll(statuses.keySet());
        assertThat(problems).as("refusals that do not match the document").isEmpty();
    }

    private static void check(String what, HttpWire.Response response, Map<String, Integer> statuses,
                              List<String> problems, List<String> codes) throws Exception {
        JsonNode envelope = IngressApp.JSON.readTree(response.body());
        String code = envelope.at("/error/code").asText();
        codes.add(code);
        String mismatch = OpenApiSpec.shipped().schemaProblems(response.body(), "ErrorEnvelope");
        if (!mismatch.isEmpty()) {
            problems.add(what + " -> " + response.status() + " " + response.body() + "\n  " + mismatch);
        }
        if (!Integer.valueOf(response.status()).equals(statuses.get(code))) {
            problems.add(what + " -> " + response.status() + " with code " + code);
        }
        if (!envelope.at("/meta/request_id").asText().equals(response.headers().get("x-request-id"))) {
            problems.add(what + ": X-Request-Id " + response.headers().get("x-request-id") + " is not the envelope's");
        }
    }
}

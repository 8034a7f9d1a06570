package io.switchboard.ingress.fast;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.switchboard.ingress.support.AdminCalls;
import io.switchboard.ingress.support.IngressApp;
import io.switchboard.ingress.support.SendCommandsProbe;
import io.switchboard.testkit.FramingAttacks;
import io.switchboard.testkit.FramingAttacks.Attack;
import io.switchboard.testkit.FramingAttacks.Target;
import io.switchboard.testkit.HttpWire;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * HTTP framing of the ingress over raw sockets, on both its request paths (the fast path of the send routes, and
 * Micronaut's, which a send takes when its Accept header is not plainly JSON, as the admin API does): a request
 * whose framing is wrong is refused in the API's envelope and the connection closed; nothing is queued, and a request
 * hidden behind it is never answered. Slow clients are cut off with 408.
 */
class HttpFramingTest {

    private static final String TEXT = "/api/v1/external/messages/text";
    private static IngressApp app;

    @BeforeAll
    static void start() {
        app = IngressApp.start(Map.of("switchboard.ingress.admin-token", AdminCalls.ADMIN_TOKEN,
                "switchboard.http.header-timeout", "1s", "switchboard.http.body-timeout", "1s"));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static int port() {
        return app.context().getBean(EmbeddedServer.class).getPort();
    }

    /** A text send carrying {@code reference}; on the fast path, or Micronaut's when {@code framework}. */
    private static Target send(String reference, boolean framework) {
        String body = "{\"to\":\"+919876543210\",\"message\":\"Hello\",\"reference\":\"" + reference + "\"}";
        return framework
                ? Target.post(TEXT, body, "Content-Type", "application/json", "X-API-Key", app.apiKey(),
                        "Accept", "application/json, */*")
                : Target.post(TEXT, body, "Content-Type", "application/json", "X-API-Key", app.apiKey());
    }

    private static Target adminAccount() {
        return Target.post("/api/v1/admin/accounts", "{\"account_id\":\"acct-framing\",\"name\":\"Framing\","
                + "\"waba_id\":\"102290129340398\",\"phone_number_id\":\"100000000000777\"}",
                "Content-Type", "application/json", "Authorization", "Bearer " + AdminCalls.ADMIN_TOKEN);
    }

    private static String smuggledSend() {
        Target smuggled = send("smuggled", false);
        return FramingAttacks.head(smuggled, "Content-Length: " + smuggled.body().length()) + smuggled.body();
    }

    static Stream<Arguments> attacks() {
        return Stream.of("fast path", "framework", "admin").flatMap(path -> FramingAttacks.all(adminAccount(), "")
                .stream().map(attack -> Arguments.of(path, attack.name())));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("attacks")
    void aRequestWithWrongFramingIsRefusedInTheEnvelopeAndNothingIsQueued(String path, String name) throws Exception {
        String reference = "framing-" + UUID.randomUUID();
        Target target = path.equals("admin") ? adminAccount() : send(reference, path.equals("framework"));
        Attack attack = FramingAttacks.all(target, smuggledSend()).stream().filter(a -> a.name().equals(name))
                .findFirst().orElseThrow();
        try (SendCommandsProbe probe = new SendCommandsProbe()) {
            HttpWire.Response response = FramingAttacks.assertRefusedAndClosed(port(), attack);

            JsonNode envelope = IngressApp.JSON.readTree(response.body());
            assertThat(envelope.get("success").asBoolean()).isFalse();
            assertThat(envelope.at("/error/code").asText()).isIn("MALFORMED_REQUEST", "URI_TOO_LONG",
                    "HEADERS_TOO_LARGE");
            assertThat(envelope.at("/meta/request_id").asText()).isEqualTo(response.headers().get("x-request-id"));
            assertThat(probe.poll()).as("queued").noneMatch(record -> {
                String queued = String.valueOf(record.value().getReference());
                return queued.equals(reference) || queued.equals("smuggled");
            });
        }
    }

    @Test
    void correctlyFramedSendsAreQueuedOnBothPaths() throws Exception {
        try (HttpWire wire = HttpWire.connect(port())) {
            for (boolean framework : new boolean[] {false, true}) {
                Target target = send("framed-" + framework, framework);
                HttpWire.Response chunked = wire.send(FramingAttacks.head(target, "Transfer-Encoding: chunked")
                        + FramingAttacks.chunk(target.body()) + "0\r\n\r\n").read();
                assertThat(chunked.status()).as(chunked.body()).isEqualTo(202);
            }
        }
    }

    @Test
    void aClientTricklingItsHeadIsCutOffWith408InTheEnvelope() throws Exception {
        Target target = send("trickle", false);
        HttpWire.Response response = FramingAttacks.assertTrickleTimedOut(port(),
                FramingAttacks.head(target, "Content-Length: " + target.body().length()) + target.body(),
                Duration.ofMillis(200));

        assertThat(IngressApp.JSON.readTree(response.body()).at("/error/code").asText()).isEqualTo("REQUEST_TIMEOUT");
    }

    @Test
    void aClientTricklingItsBodyIsCutOffAndNothingIsQueued() throws Exception {
        String reference = "slow-body-" + UUID.randomUUID();
        Target target = send(reference, false);
        try (SendCommandsProbe probe = new SendCommandsProbe(); HttpWire wire = HttpWire.connect(port())) {
            wire.send(FramingAttacks.head(target, "Content-Length: " + target.body().length()));
            wire.trickle(target.body(), Duration.ofMillis(200));

            assertThat(wire.read().status()).isEqualTo(408);
            assertThat(wire.closedWithin(Duration.ofSeconds(3))).isTrue();
            assertThat(probe.poll()).noneMatch(r -> reference.equals(String.valueOf(r.value().getReference())));
        }
    }
}

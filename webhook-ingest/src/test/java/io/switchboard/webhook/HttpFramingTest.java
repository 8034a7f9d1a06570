package io.switchboard.webhook;

import static io.switchboard.webhook.DeduplicationEndpointTest.mentioning;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.switchboard.testkit.FramingAttacks;
import io.switchboard.testkit.FramingAttacks.Attack;
import io.switchboard.testkit.FramingAttacks.Target;
import io.switchboard.testkit.HttpWire;
import io.switchboard.testkit.KafkaTestCluster;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Meta's webhook endpoint over raw sockets: a POST whose HTTP framing is wrong (the ways a request is smuggled past a
 * proxy) is refused with 400 and the connection closed; nothing of it is published, and a request hidden behind it
 * is never answered. A client that trickles its request is cut off (408) after the configured time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpFramingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private EmbeddedServer app;
    private TopicReader reader;

    @BeforeAll
    void start() {
        String bootstrap = KafkaTestCluster.shared().bootstrapServers();
        app = TestServices.startApp(bootstrap, Map.of("switchboard.http.header-timeout", "1s",
                "switchboard.http.body-timeout", "1s", "switchboard.http.keep-alive-timeout", "2s"));
        reader = new TopicReader(bootstrap, TestServices.registryUrl(), TopicSetup.WRITTEN_TOPICS);
    }

    @AfterAll
    void stop() {
        if (reader != null) {
            reader.close();
        }
        if (app != null) {
            app.close();
        }
    }

    private Target signedStatus(String run) {
        byte[] body = Payloads.oneStatus(run);
        return Target.post("/webhooks/whatsapp", new String(body, StandardCharsets.UTF_8),
                "Content-Type", "application/json", SignatureVerifier.HEADER, TestServices.META.sign(body));
    }

    private static String smuggledHandshake() {
        return FramingAttacks.smuggledGet("/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token="
                + TestServices.VERIFY_TOKEN + "&hub.challenge=smuggled");
    }

    Stream<String> attacks() {
        return FramingAttacks.all(signedStatus("names"), smuggledHandshake()).stream().map(Attack::name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void aRequestWithWrongFramingIsRefusedClosedAndNeverPublished(String name) throws Exception {
        String run = DeduplicationEndpointTest.run();
        Attack attack = FramingAttacks.all(signedStatus(run), smuggledHandshake()).stream()
                .filter(a -> a.name().equals(name)).findFirst().orElseThrow();

        HttpWire.Response response = FramingAttacks.assertRefusedAndClosed(app.getPort(), attack);

        JsonNode error = JSON.readTree(response.body());
        assertThat(error.get("code").asText()).isIn("MALFORMED_REQUEST", "URI_TOO_LONG", "HEADERS_TOO_LARGE");
        assertThat(error.get("message").asText()).isNotBlank();
        assertThat(mentioning(reader.readFor(Duration.ofMillis(300)), run)).as("published").isEmpty();
    }

    @Test
    void refusalsAreCountedOnPrometheus() throws Exception {
        FramingAttacks.assertRefusedAndClosed(app.getPort(), FramingAttacks.all(signedStatus("count"),
                smuggledHandshake()).get(0));

        assertThat(TestServices.get(app, "/prometheus").body())
                .containsPattern("switchboard_http_rejected_total\\{error=\"malformed_request\"[^}]*\\} [1-9]");
    }

    @Test
    void theSameRequestCorrectlyFramedIsPublished() throws Exception {
        String run = DeduplicationEndpointTest.run();
        Target target = signedStatus(run);
        try (HttpWire wire = HttpWire.connect(app.getPort())) {
            HttpWire.Response chunked = wire.send(FramingAttacks.head(target, "Transfer-Encoding: chunked")
                    + FramingAttacks.chunk(target.body()) + "0\r\n\r\n").read();
            HttpWire.Response sized = wire.send(FramingAttacks.head(target, "Content-Length: "
                    + target.body().length()) + target.body()).read();

            assertThat(chunked.status()).as(chunked.body()).isEqualTo(200);
            assertThat(sized.status()).as(sized.body()).isEqualTo(200);
            assertThat(wire.closedWithin(Duration.ofMillis(200))).as("kept alive").isFalse();
        }
        List<TopicReader.Received> published = mentioning(reader.readFor(Duration.ofMillis(300)), run);
        assertThat(published).isNotEmpty();
    }

    @Test
    void aClientTricklingItsHeadIsCutOffWith408() throws Exception {
        Target target = signedStatus(DeduplicationEndpointTest.run());
        FramingAttacks.assertTrickleTimedOut(app.getPort(),
                FramingAttacks.head(target, "Content-Length: " + target.body().length()), Duration.ofMillis(200));
    }

    @Test
    void aClientTricklingItsBodyIsCutOffWith408AndNothingIsPublished() throws Exception {
        String run = DeduplicationEndpointTest.run();
        Target target = signedStatus(run);
        try (HttpWire wire = HttpWire.connect(app.getPort())) {
            wire.send(FramingAttacks.head(target, "Content-Length: " + target.body().length()));
            wire.trickle(target.body(), Duration.ofMillis(200));

            HttpWire.Response response = wire.read();

            assertThat(response.status()).isEqualTo(408);
            assertThat(wire.closedWithin(Duration.ofSeconds(3))).isTrue();
        }
        assertThat(mentioning(reader.readFor(Duration.ofMillis(300)), run)).isEmpty();
    }

    @Test
    void anIdleKeptAliveConnectionIsClosed() throws Exception {
        try (HttpWire wire = HttpWire.connect(app.getPort())) {
            assertThat(wire.send(smuggledHandshake()).read().status()).isEqualTo(200);

            assertThat(wire.closedWithin(Duration.ofSeconds(6))).isTrue();
        }
    }
}

package io.switchboard.infrastructure.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.testkit.FramingAttacks;
import io.switchboard.testkit.FramingAttacks.Attack;
import io.switchboard.testkit.FramingAttacks.Target;
import io.switchboard.testkit.HttpWire;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link StrictHttp} on a real Netty server, over raw sockets: what is refused, what still works, slow clients. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StrictHttpServerTest {

    private static final Target TARGET = Target.post("/send", "{\"to\":\"+14155550123\",\"text\":\"hi\"}",
            "Content-Type", "application/json");
    private GuardedTestServer server;

    @BeforeAll
    void start() throws InterruptedException {
        server = new GuardedTestServer(HttpLimits.defaults().withTimeouts(Duration.ofMillis(800),
                Duration.ofMillis(800), 1024, Duration.ofMillis(1500)));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @BeforeEach
    void forget() {
        server.executed.clear();
    }

    Stream<Attack> attacks() {
        return FramingAttacks.all(TARGET, FramingAttacks.smuggledGet("/smuggled")).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void everyFramingAttackIsRefusedClosedAndNothingOfItExecuted(Attack attack) throws Exception {
        HttpWire.Response response = FramingAttacks.assertRefusedAndClosed(server.port(), attack);

        assertThat(response.body()).startsWith("{\"code\":\"").contains("\"message\":\"");
        assertThat(server.executed).isEmpty();
    }

    @Test
    void correctlyFramedRequestsAreExecutedInTurnOnOneConnection() throws Exception {
        try (HttpWire wire = HttpWire.connect(server.port())) {
            wire.send(FramingAttacks.head(TARGET, "Content-Length: " + TARGET.body().length()) + TARGET.body()
                    + FramingAttacks.head(TARGET, "Transfer-Encoding: chunked") + FramingAttacks.chunk("{\"a\":")
                    + FramingAttacks.chunk("1}") + "0\r\n\r\n"
                    + "\r\n" + FramingAttacks.smuggledGet("/third"));

            assertThat(wire.read().body()).isEqualTo("executed /send");
            assertThat(wire.read().body()).isEqualTo("executed /send");
            assertThat(wire.read().body()).isEqualTo("executed /third");
        }
        assertThat(server.executed).containsExactly("POST /send " + TARGET.body(), "POST /send {\"a\":1}",
                "GET /third ");
    }

    @Test
    void aRefusalAfterPipelinedRequestsIsAnsweredAfterThemInOrder() throws Exception {
        try (HttpWire wire = HttpWire.connect(server.port())) {
            wire.send(FramingAttacks.smuggledGet("/slow") + FramingAttacks.head(TARGET,
                    "Content-Length: 5", "Transfer-Encoding: chunked") + "0\r\n\r\n"
                    + FramingAttacks.smuggledGet("/smuggled"));

            assertThat(wire.read().body()).isEqualTo("executed /slow");
            HttpWire.Response refused = wire.read();
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.body()).contains("both Content-Length and Transfer-Encoding");
            assertThat(wire.closedWithin(Duration.ofSeconds(3))).isTrue();
        }
        assertThat(server.executed).containsExactly("GET /slow ");
    }

    @Test
    void aFoldArrivingInALaterPacketIsStillFound() throws Exception {
        try (HttpWire wire = HttpWire.connect(server.port())) {
            wire.send("POST /send HTTP/1.1\r\nHost: localhost\r\nX-A: 1\r\n");
            wire.send(" Transfer-Encoding: chunked\r\nContent-Length: 2\r\n\r\n{}");

            assertThat(wire.read().status()).isEqualTo(400);
            assertThat(wire.closedWithin(Duration.ofSeconds(3))).isTrue();
        }
        assertThat(server.executed).isEmpty();
    }

    @Test
    void aHeadRequestGetsNoBodyAndTheConnectionGoesOn() throws Exception {
        try (HttpWire wire = HttpWire.connect(server.port())) {
            wire.send("HEAD /h HTTP/1.1\r\nHost: localhost\r\n\r\n" + FramingAttacks.smuggledGet("/after"));

            // The HEAD answer declares a length but carries no body: the next bytes are the next answer.
            assertThat(wire.readHead().headers()).containsEntry("content-length", "11");
            assertThat(wire.read().body()).isEqualTo("executed /after");
        }
    }

    @Test
    void expectContinueIsNotMistakenForTheAnswer() throws Exception {
        try (HttpWire wire = HttpWire.connect(server.port())) {
            wire.send(FramingAttacks.head(TARGET, "Content-Length: " + TARGET.body().length(),
                    "Expect: 100-continue"));
            assertThat(wire.read().status()).isEqualTo(100);
            wire.send(TARGET.body());
            assertThat(wire.read().status()).isEqualTo(200);
            assertThat(wire.send(FramingAttacks.smuggledGet("/next")).read().body()).isEqualTo("executed /next");
        }
    }

    @Test
    void aHundredClientsTricklingTheirHeadsAreAllCutOff() throws Exception {
        List<HttpWire> wires = new ArrayList<>();
        List<CompletableFuture<Void>> trickles = new ArrayList<>();
        try {
            for (int i = 0; i < 100; i++) {
                HttpWire wire = HttpWire.connect(server.port());
                wires.add(wire);
                trickles.add(wire.trickle(FramingAttacks.head(TARGET, "Content-Length: 2") + "{}",
                        Duration.ofMillis(150)));
            }
            for (HttpWire wire : wires) {
                HttpWire.Response response = wire.read();
                assertThat(response.status()).isEqualTo(408);
                assertThat(wire.closedWithin(Duration.ofSeconds(3))).isTrue();
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> trickles.stream().allMatch(CompletableFuture::isDone));
            assertThat(trickles).allMatch(CompletableFuture::isCompletedExceptionally);
        } finally {
            for (HttpWire wire : wires) {
                wire.close();
            }
        }
        assertThat(server.executed).isEmpty();
    }

    @Test
    void aClientTricklingItsBodyIsCutOffWith408() throws Exception {
        try (HttpWire wire = HttpWire.connect(server.port())) {
            wire.send(FramingAttacks.head(TARGET, "Content-Length: " + TARGET.body().length()));
            wire.trickle(TARGET.body(), Duration.ofMillis(150));

            HttpWire.Response response = wire.read();

            assertThat(response.status()).isEqualTo(408);
            assertThat(response.body()).contains("REQUEST_TIMEOUT").contains("body");
            assertThat(wire.closedWithin(Duration.ofSeconds(3))).isTrue();
        }
        assertThat(server.executed).isEmpty();
    }

    @Test
    void anUploadAtAnAcceptableRateIsNotCutOff() throws Exception {
        String body = "x".repeat(4096);
        try (HttpWire wire = HttpWire.connect(server.port())) {
            wire.send(FramingAttacks.head(TARGET, "Content-Length: " + body.length()));
            // 4096 bytes in 64-byte pieces every 10 ms: about 6 KiB/s, above the 1 KiB/s minimum; takes ~0.7 s.
            for (int i = 0; i < body.length(); i += 64) {
                wire.send(body.substring(i, i + 64));
                await().pollDelay(Duration.ofMillis(10)).until(() -> true);
            }
            assertThat(wire.read().status()).isEqualTo(200);
        }
    }

    @Test
    void idleConnectionsAreClosedQuietly() throws Exception {
        int before = server.metrics.idleClosed.get();
        try (HttpWire used = HttpWire.connect(server.port()); HttpWire silent = HttpWire.connect(server.port())) {
            assertThat(used.send(FramingAttacks.smuggledGet("/once")).read().status()).isEqualTo(200);

            assertThat(used.closedWithin(Duration.ofSeconds(5))).as("kept alive, then idle").isTrue();
            assertThat(silent.closedWithin(Duration.ofSeconds(5))).as("never sent a byte").isTrue();
        }
        assertThat(server.metrics.idleClosed.get()).isGreaterThan(before);
    }
}

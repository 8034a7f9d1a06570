package io.switchboard.infrastructure.http.micronaut;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Requires;
import io.micronaut.runtime.server.EmbeddedServer;
import io.switchboard.infrastructure.http.FramingAnswers;
import io.switchboard.infrastructure.http.FramingRejection;
import io.switchboard.testkit.FramingAttacks;
import io.switchboard.testkit.FramingAttacks.Attack;
import io.switchboard.testkit.FramingAttacks.Target;
import io.switchboard.testkit.HttpWire;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The customizer in a real Micronaut server: its pipeline gets the strict codec, the limits are Micronaut's own
 * ({@code micronaut.server.netty.*}) and the deadlines {@code switchboard.http.*}, and a service's
 * {@link FramingAnswers} bean writes the refusals.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MicronautFramingTest {

    private static final Target TARGET = Target.post("/echo", "{\"hello\":\"world\"}", "Content-Type",
            "application/json");
    private EmbeddedServer server;

    @BeforeAll
    void start() {
        server = ApplicationContext.run(EmbeddedServer.class, Map.of("micronaut.server.port", -1, "test.echo", true,
                "switchboard.http.header-timeout", "700ms", "switchboard.http.keep-alive-timeout", "1s",
                "micronaut.server.netty.max-initial-line-length", 2048));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @BeforeEach
    void forget() {
        EchoController.EXECUTED.clear();
    }

    Stream<Attack> attacks() {
        return FramingAttacks.all(TARGET, FramingAttacks.smuggledGet("/echo")).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void framingAttacksNeverReachTheController(Attack attack) throws Exception {
        HttpWire.Response response = FramingAttacks.assertRefusedAndClosed(server.getPort(), attack);

        assertThat(response.body()).startsWith("{\"envelope\":");
        assertThat(EchoController.EXECUTED).isEmpty();
    }

    @Test
    void theRequestLineLimitIsMicronautsSetting() throws Exception {
        try (HttpWire wire = HttpWire.connect(server.getPort())) {
            HttpWire.Response response = wire.send("GET /echo?q=" + "a".repeat(2100) + " HTTP/1.1\r\n"
                    + "Host: localhost\r\n\r\n").read();
            assertThat(response.status()).isEqualTo(414);
            assertThat(response.body()).contains("2048");
        }
    }

    @Test
    void wellFramedRequestsStillWorkAndKeepTheConnection() throws Exception {
        try (HttpWire wire = HttpWire.connect(server.getPort())) {
            HttpWire.Response chunked = wire.send(FramingAttacks.head(TARGET, "Transfer-Encoding: chunked")
                    + FramingAttacks.chunk(TARGET.body()) + "0\r\n\r\n").read();
            HttpWire.Response get = wire.send(FramingAttacks.smuggledGet("/echo")).read();

            assertThat(chunked.status()).isEqualTo(200);
            assertThat(chunked.body()).isEqualTo(TARGET.body());
            assertThat(get.body()).isEqualTo("ok");
        }
        assertThat(EchoController.EXECUTED).containsExactly("POST " + TARGET.body(), "GET");
    }

    @Test
    void aTricklingClientIsCutOff() throws Exception {
        FramingAttacks.assertTrickleTimedOut(server.getPort(), FramingAttacks.smuggledGet("/echo"),
                Duration.ofMillis(150));
        assertThat(EchoController.EXECUTED).isEmpty();
    }

    /** A service's own envelope for the refusals. */
    @Singleton
    @Requires(property = "test.echo")
    static class EnvelopeAnswers implements FramingAnswers {
        @Override
        public io.netty.handler.codec.http.FullHttpResponse answer(FramingRejection rejection) {
            return FramingAnswers.json(rejection, "{\"envelope\":{\"code\":" + FramingAnswers.quote(
                    rejection.error().name()) + ",\"message\":" + FramingAnswers.quote(rejection.message()) + "}}");
        }
    }
}

package io.switchboard.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The dispatcher's admin port over raw sockets: a replay request whose framing is wrong is refused with 400 (414,
 * 431) and the connection closed, so an admin call hidden behind it is never answered; a trickling client gets 408.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpFramingTest {

    private static final Target REPLAY = Target.post("/admin/dead-letters/replay",
            "{\"message_ids\":[\"" + UUID.randomUUID() + "\"]}", "Content-Type", "application/json",
            "Authorization", "Bearer " + DispatcherEnvironment.ADMIN_TOKEN);
    private DispatcherEnvironment env;

    @BeforeAll
    void start() throws Exception {
        env = new DispatcherEnvironment(Map.of("switchboard.http.header-timeout", "1s"));
    }

    @AfterAll
    void stop() throws Exception {
        if (env != null) {
            env.close();
        }
    }

    private int port() {
        return env.server.getPort();
    }

    Stream<Attack> attacks() {
        return FramingAttacks.all(REPLAY, "GET /admin/halts HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + DispatcherEnvironment.ADMIN_TOKEN + "\r\n\r\n").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void aRequestWithWrongFramingIsRefusedAndNothingBehindItIsAnswered(Attack attack) throws Exception {
        HttpWire.Response response = FramingAttacks.assertRefusedAndClosed(port(), attack);

        assertThat(response.body()).contains("\"code\":\"").contains("\"message\":\"");
    }

    @Test
    void anAdminCallCorrectlyFramedIsAnswered() throws Exception {
        try (HttpWire wire = HttpWire.connect(port())) {
            HttpWire.Response response = wire.send("GET /admin/halts HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + DispatcherEnvironment.ADMIN_TOKEN + "\r\n\r\n").read();
            assertThat(response.status()).isEqualTo(200);
            assertThat(wire.closedWithin(Duration.ofMillis(200))).isFalse();
        }
    }

    @Test
    void aClientTricklingItsHeadIsCutOffWith408() throws Exception {
        FramingAttacks.assertTrickleTimedOut(port(), FramingAttacks.smuggledGet("/health"), Duration.ofMillis(200));
    }
}

package io.switchboard.projector.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.switchboard.projector.TestInfra;
import io.switchboard.testkit.FramingAttacks;
import io.switchboard.testkit.FramingAttacks.Attack;
import io.switchboard.testkit.FramingAttacks.Target;
import io.switchboard.testkit.HttpWire;
import java.time.Duration;
import java.util.LinkedHashMap;
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
 * The projector's query port over raw sockets: a request whose framing is wrong is refused with 400 (414, 431) in
 * the {@code {"code","message"}} body and the connection closed, so a query hidden behind it is never answered; a
 * client trickling its request is cut off with 408.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpFramingTest {

    private static final Target TARGET = Target.post("/internal/messages/" + UUID.randomUUID(),
            "{\"message_ids\":[\"" + UUID.randomUUID() + "\"]}", "Content-Type", "application/json");
    private EmbeddedServer app;

    @BeforeAll
    void start() {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("micronaut.server.port", -1);
        props.put("kafka.bootstrap.servers", TestInfra.kafka().bootstrapServers());
        props.put("switchboard.schema-registry.url", TestInfra.registryUrl());
        props.put("switchboard.projector.application-id", TestInfra.uniqueApplicationId("framing"));
        props.put("switchboard.projector.state-dir", TestInfra.freshStateDir("framing").toString());
        props.put("switchboard.projector.advertised-host", "localhost");
        props.put("switchboard.http.header-timeout", "1s");
        app = ApplicationContext.run(EmbeddedServer.class, props);
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.getApplicationContext().close();
        }
    }

    Stream<Attack> attacks() {
        return FramingAttacks.all(TARGET, FramingAttacks.smuggledGet("/internal/messages/" + UUID.randomUUID()))
                .stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void aRequestWithWrongFramingIsRefusedAndNothingBehindItIsAnswered(Attack attack) throws Exception {
        HttpWire.Response response = FramingAttacks.assertRefusedAndClosed(app.getPort(), attack);

        assertThat(response.body()).contains("\"code\":\"").contains("\"message\":\"");
    }

    @Test
    void aQueryCorrectlyFramedIsAnswered() throws Exception {
        try (HttpWire wire = HttpWire.connect(app.getPort())) {
            HttpWire.Response response = wire.send(FramingAttacks.smuggledGet("/health")).read();
            assertThat(response.status()).isIn(200, 503);
            assertThat(wire.closedWithin(Duration.ofMillis(200))).isFalse();
        }
    }

    @Test
    void aClientTricklingItsHeadIsCutOffWith408() throws Exception {
        FramingAttacks.assertTrickleTimedOut(app.getPort(), FramingAttacks.smuggledGet("/health"),
                Duration.ofMillis(200));
    }
}

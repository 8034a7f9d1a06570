package io.switchboard.registry;

import static io.switchboard.registry.CompatibilityCheckerTest.V1;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.infrastructure.http.HttpLimits;
import io.switchboard.testkit.FramingAttacks;
import io.switchboard.testkit.FramingAttacks.Attack;
import io.switchboard.testkit.FramingAttacks.Target;
import io.switchboard.testkit.HttpWire;
import io.switchboard.testkit.KafkaTestCluster;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The registry's HTTP framing over raw sockets: a registration whose framing is wrong is refused with a Confluent
 * error body and the connection closed; nothing is registered and a request hidden behind it is never answered.
 * Pipelined requests are answered in order; slow clients are cut off with 408.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegistryHttpFramingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private EmbeddedSchemaRegistry registry;
    private RegistryHttp http;

    @BeforeAll
    void start() {
        registry = EmbeddedSchemaRegistry.start(RegistrySettings.of(KafkaTestCluster.shared().bootstrapServers())
                .withHttpLimits(HttpLimits.defaults().withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1),
                        1024, Duration.ofSeconds(2))));
        http = new RegistryHttp(registry.url());
    }

    @AfterAll
    void stop() {
        registry.close();
    }

    private static Target registration(String subject) {
        return Target.post("/subjects/" + subject + "/versions", RegistryHttp.schemaBody(V1),
                "Content-Type", RegistryHttp.VND);
    }

    Stream<String> attacks() {
        return FramingAttacks.all(registration("names"), "").stream().map(Attack::name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void aRegistrationWithWrongFramingIsRefusedAndNothingIsRegistered(String name) throws Exception {
        String subject = "framing-" + UUID.randomUUID();
        String smuggled = FramingAttacks.head(registration(subject + "-smuggled"), "Content-Length: "
                + RegistryHttp.schemaBody(V1).length()) + RegistryHttp.schemaBody(V1);
        Attack attack = FramingAttacks.all(registration(subject), smuggled).stream()
                .filter(a -> a.name().equals(name)).findFirst().orElseThrow();

        HttpWire.Response response = FramingAttacks.assertRefusedAndClosed(registry.port(), attack);

        JsonNode error = JSON.readTree(response.body());
        assertThat(error.get("error_code").asInt()).isEqualTo(attack.status());
        assertThat(error.get("message").asText()).isNotBlank();
        assertThat(http.get("/subjects/" + subject + "/versions").status()).isEqualTo(404);
        assertThat(http.get("/subjects/" + subject + "-smuggled/versions").status()).isEqualTo(404);
    }

    @Test
    void pipelinedRequestsAreAnsweredInTheirOrderOnOneConnection() throws Exception {
        String subject = "pipelined-" + UUID.randomUUID();
        Target register = registration(subject);
        try (HttpWire wire = HttpWire.connect(registry.port())) {
            wire.send(FramingAttacks.head(register, "Content-Length: " + register.body().length()) + register.body()
                    + FramingAttacks.smuggledGet("/subjects/" + subject + "/versions")
                    + FramingAttacks.smuggledGet("/schemas/types"));

            assertThat(wire.read().body()).startsWith("{\"id\":");
            assertThat(wire.read().body()).isEqualTo("[1]");
            assertThat(wire.read().body()).isEqualTo("[\"AVRO\"]");
            assertThat(wire.closedWithin(Duration.ofMillis(200))).as("kept alive").isFalse();
        }
    }

    @Test
    void aClientTricklingItsHeadIsCutOffWith408() throws Exception {
        FramingAttacks.assertTrickleTimedOut(registry.port(), FramingAttacks.smuggledGet("/subjects"),
                Duration.ofMillis(200));
    }
}

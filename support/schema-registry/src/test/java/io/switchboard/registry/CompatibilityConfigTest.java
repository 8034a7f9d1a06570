package io.switchboard.registry;

import static io.switchboard.registry.CompatibilityCheckerTest.V1;
import static io.switchboard.registry.CompatibilityCheckerTest.WITH_REQUIRED_NOTE;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testkit.KafkaTestCluster;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each test gets its own schemas topic, since the global level is changed here. */
class CompatibilityConfigTest {

    private final String topic = "_schemas-config-" + UUID.randomUUID();
    private EmbeddedSchemaRegistry registry;
    private RegistryHttp http;

    @BeforeEach
    void startRegistry() {
        registry = EmbeddedSchemaRegistry.start(settings());
        http = new RegistryHttp(registry.url());
    }

    private RegistrySettings settings() {
        return RegistrySettings.of(KafkaTestCluster.shared().bootstrapServers()).withTopic(topic);
    }

    @AfterEach
    void stopRegistry() {
        registry.close();
    }

    @Test
    void globalLevelIsBackwardUntilChanged() {
        assertThat(http.get("/config").body()).isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");

        assertThat(http.put("/config", "{\"compatibility\":\"full\"}").body()).isEqualTo("{\"compatibility\":\"FULL\"}");

        assertThat(http.get("/config").body()).isEqualTo("{\"compatibilityLevel\":\"FULL\"}");
        http.register("s", V1);
        assertThat(http.register("s", WITH_REQUIRED_NOTE).status()).isEqualTo(409);
    }

    @Test
    void subjectLevelOverridesTheGlobalOneForThatSubjectOnly() {
        http.register("relaxed", V1);
        http.register("strict", V1);

        assertThat(http.put("/config/relaxed", "{\"compatibility\":\"NONE\"}").body())
                .isEqualTo("{\"compatibility\":\"NONE\"}");

        assertThat(http.get("/config/relaxed").body()).isEqualTo("{\"compatibilityLevel\":\"NONE\"}");
        assertThat(http.register("relaxed", WITH_REQUIRED_NOTE).status()).isEqualTo(200);
        assertThat(http.register("strict", WITH_REQUIRED_NOTE).status()).isEqualTo(409);
    }

    @Test
    void subjectWithoutItsOwnLevelSays40408UnlessAskedToDefaultToGlobal() {
        assertThat(http.get("/config/unset").errorCode()).isEqualTo(40408);
        assertThat(http.get("/config/unset?defaultToGlobal=true").body())
                .isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");
    }

    @Test
    void forwardLevelChecksTheOtherDirection() {
        http.put("/config/fwd", "{\"compatibility\":\"FORWARD\"}");
        http.register("fwd", V1);

        assertThat(http.register("fwd", WITH_REQUIRED_NOTE).status()).isEqualTo(200);
        // Version 2 needs "note" and has no default for it: it could not read data written without it.
        assertThat(http.register("fwd", CompatibilityCheckerTest.record("{\"name\":\"messageId\",\"type\":\"string\"},"
                + "{\"name\":\"extra\",\"type\":\"int\"}")).status()).isEqualTo(409);
    }

    @Test
    void transitiveLevelLooksAtEveryEarlierVersion() {
        String defaulted = CompatibilityCheckerTest.WITH_NOTE_DEFAULTED;
        http.put("/config/t", "{\"compatibility\":\"BACKWARD_TRANSITIVE\"}");
        http.register("t", V1);
        http.register("t", defaulted);

        assertThat(http.register("t", WITH_REQUIRED_NOTE).status()).isEqualTo(409);
        http.put("/config/t", "{\"compatibility\":\"BACKWARD\"}");
        assertThat(http.register("t", WITH_REQUIRED_NOTE).status()).isEqualTo(200);
    }

    @Test
    void deletingASubjectLevelFallsBackToGlobal() {
        http.register("d", V1);
        http.put("/config/d", "{\"compatibility\":\"NONE\"}");

        assertThat(http.delete("/config/d").body()).isEqualTo("{\"compatibilityLevel\":\"NONE\"}");

        assertThat(http.get("/config/d").errorCode()).isEqualTo(40408);
        assertThat(http.register("d", WITH_REQUIRED_NOTE).status()).isEqualTo(409);
        assertThat(http.delete("/config/never-seen").errorCode()).isEqualTo(40401);
    }

    @Test
    void unknownLevelsAreRefusedWith42203() {
        assertThat(http.put("/config", "{\"compatibility\":\"SIDEWAYS\"}").errorCode()).isEqualTo(42203);
        assertThat(http.put("/config/x", "{}").errorCode()).isEqualTo(42203);
        assertThat(http.put("/config/x", "{\"compatibility\":").status()).isEqualTo(400);
        assertThat(http.get("/config").body()).isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");
    }

    @Test
    void configSurvivesARestart() {
        http.put("/config", "{\"compatibility\":\"FULL_TRANSITIVE\"}");
        http.put("/config/kept", "{\"compatibility\":\"NONE\"}");
        registry.close();

        registry = EmbeddedSchemaRegistry.start(settings());
        http = new RegistryHttp(registry.url());

        assertThat(http.get("/config").body()).isEqualTo("{\"compatibilityLevel\":\"FULL_TRANSITIVE\"}");
        assertThat(http.get("/config/kept").body()).isEqualTo("{\"compatibilityLevel\":\"NONE\"}");
    }
}

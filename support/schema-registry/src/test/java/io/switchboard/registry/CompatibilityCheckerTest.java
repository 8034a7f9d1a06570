package io.switchboard.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.registry.CompatibilityChecker.VersionedSchema;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class CompatibilityCheckerTest {

    static final String V1 = record("{\"name\":\"messageId\",\"type\":\"string\"}");
    static final String WITH_OPTIONAL_NOTE = record("{\"name\":\"messageId\",\"type\":\"string\"},"
            + "{\"name\":\"note\",\"type\":[\"null\",\"string\"],\"default\":null}");
    static final String WITH_REQUIRED_NOTE = record("{\"name\":\"messageId\",\"type\":\"string\"},"
            + "{\"name\":\"note\",\"type\":\"string\"}");
    static final String WITH_NOTE_DEFAULTED = record("{\"name\":\"messageId\",\"type\":\"string\"},"
            + "{\"name\":\"note\",\"type\":\"string\",\"default\":\"\"}");

    static String record(String fields) {
        return "{\"type\":\"record\",\"name\":\"Message\",\"namespace\":\"io.switchboard.test\",\"fields\":["
                + fields + "]}";
    }

    private static Schema parse(String text) {
        return new Schema.Parser().parse(text);
    }

    private static List<VersionedSchema> history(String... oldestFirst) {
        List<VersionedSchema> versions = new java.util.ArrayList<>();
        for (int i = oldestFirst.length - 1; i >= 0; i--) {
            versions.add(new VersionedSchema(i + 1, parse(oldestFirst[i])));
        }
        return versions;
    }

    @Test
    void backwardAcceptsAnOptionalFieldWithDefault() {
        assertThat(CompatibilityChecker.incompatibilities(CompatibilityLevel.BACKWARD,
                parse(WITH_OPTIONAL_NOTE), history(V1))).isEmpty();
    }

    @Test
    void backwardRefusesARequiredFieldWithoutDefaultAndSaysWhy() {
        List<String> problems = CompatibilityChecker.incompatibilities(CompatibilityLevel.BACKWARD,
                parse(WITH_REQUIRED_NOTE), history(V1));

        assertThat(problems).singleElement().asString()
                .contains("READER_FIELD_MISSING_DEFAULT_VALUE").contains("note").contains("version 1");
    }

    @Test
    void forwardAcceptsARequiredFieldButRefusesDroppingOne() {
        assertThat(CompatibilityChecker.incompatibilities(CompatibilityLevel.FORWARD,
                parse(WITH_REQUIRED_NOTE), history(V1))).isEmpty();
        assertThat(CompatibilityChecker.incompatibilities(CompatibilityLevel.FORWARD,
                parse(V1), history(WITH_REQUIRED_NOTE))).isNotEmpty();
    }

    @Test
    void fullNeedsBothDirections() {
        assertThat(CompatibilityChecker.incompatibilities(CompatibilityLevel.FULL,
                parse(WITH_OPTIONAL_NOTE), history(V1))).isEmpty();
        assertThat(CompatibilityChecker.incompatibilities(CompatibilityLevel.FULL,
                parse(WITH_REQUIRED_NOTE), history(V1))).isNotEmpty();
    }

    @Test
    void transitiveLevelsLookPastTheLatestVersion() {
        List<VersionedSchema> history = history(V1, WITH_NOTE_DEFAULTED);

        assertThat(CompatibilityChecker.incompatibilities(CompatibilityLevel.BACKWARD,
                parse(WITH_REQUIRED_NOTE), history)).isEmpty();
        assertThat(CompatibilityChecker.incompatibilities(CompatibilityLevel.BACKWARD_TRANSITIVE,
                parse(WITH_REQUIRED_NOTE), history)).singleElement().asString().contains("version 1");
    }

    @Test
    void noneAcceptsAnythingAndAFirstVersionIsAlwaysCompatible() {
        assertThat(CompatibilityChecker.incompatibilities(CompatibilityLevel.NONE,
                parse("\"string\""), history(V1))).isEmpty();
        assertThat(CompatibilityChecker.incompatibilities(CompatibilityLevel.FULL_TRANSITIVE,
                parse(WITH_REQUIRED_NOTE), List.of())).isEmpty();
    }

    @Test
    void levelsParseCaseInsensitivelyAndRefuseUnknownOnesWith42203() {
        assertThat(CompatibilityLevel.parse("backward_transitive")).isEqualTo(CompatibilityLevel.BACKWARD_TRANSITIVE);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CompatibilityLevel.parse("SIDEWAYS"))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(42203));
    }
}

package io.switchboard.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.registry.LogRecord.SchemaVersion;
import org.junit.jupiter.api.Test;

class RegistryStateTest {

    private final RegistryState state = new RegistryState();

    @Test
    void idsAreGlobalAndTheFirstIdOfASchemaWins() {
        state.apply(new SchemaVersion("a", 1, 1, "\"string\"", false));
        state.apply(new SchemaVersion("b", 1, 1, "\"string\"", false));
        state.apply(new SchemaVersion("c", 1, 2, "\"string\"", false));

        assertThat(state.idOf("\"string\"")).contains(1);
        assertThat(state.schemaById(2)).contains("\"string\"");
        assertThat(state.nextId()).isEqualTo(3);
        assertThat(state.versionsUsing(1, false)).extracting(SchemaVersion::subject).containsExactly("a", "b");
    }

    @Test
    void softDeletedVersionsHideButKeepTheirNumberAndId() {
        state.apply(new SchemaVersion("a", 1, 1, "\"string\"", false));
        state.apply(new SchemaVersion("a", 2, 2, "\"int\"", false));
        state.apply(new SchemaVersion("a", 2, 2, "\"int\"", true));

        assertThat(state.liveVersions("a")).extracting(SchemaVersion::version).containsExactly(1);
        assertThat(state.allVersions("a")).extracting(SchemaVersion::version).containsExactly(1, 2);
        assertThat(state.nextVersion("a")).isEqualTo(3);
        assertThat(state.schemaById(2)).contains("\"int\"");
    }

    @Test
    void subjectLevelsFallBackToTheGlobalLevelWhichDefaultsToBackward() {
        assertThat(state.effectiveLevel("a")).isEqualTo(CompatibilityLevel.BACKWARD);

        state.apply(new LogRecord.Config(null, CompatibilityLevel.FULL));
        state.apply(new LogRecord.Config("a", CompatibilityLevel.NONE));
        assertThat(state.effectiveLevel("a")).isEqualTo(CompatibilityLevel.NONE);
        assertThat(state.effectiveLevel("b")).isEqualTo(CompatibilityLevel.FULL);

        state.apply(new LogRecord.Config("a", null));
        assertThat(state.effectiveLevel("a")).isEqualTo(CompatibilityLevel.FULL);
    }

    @Test
    void subjectsListOnlyThoseWithLiveVersionsUnlessDeletedAreAskedFor() {
        state.apply(new SchemaVersion("b", 1, 1, "\"string\"", false));
        state.apply(new SchemaVersion("a", 1, 1, "\"string\"", true));

        assertThat(state.subjects(false)).containsExactly("b");
        assertThat(state.subjects(true)).containsExactly("a", "b");
    }
}

package io.switchboard.registry;

import io.switchboard.registry.SchemaLog.WritePlan;
import java.util.List;

/**
 * Compatibility levels, global and per subject, kept in the schemas topic like everything else. Rules: the global
 * level is BACKWARD until set; a subject without a level of its own follows the global one; setting the level a
 * scope already has writes nothing.
 */
final class CompatibilityConfig {

    private final RegistryState state;
    private final SchemaLog log;

    CompatibilityConfig(RegistryState state, SchemaLog log) {
        this.state = state;
        this.log = log;
    }

    CompatibilityLevel global() {
        return state.globalLevel();
    }

    CompatibilityLevel setGlobal(CompatibilityLevel level) {
        return log.write(current -> current.globalLevel() == level
                ? WritePlan.nothing(level)
                : WritePlan.of(List.of(new LogRecord.Config(null, level)), level));
    }

    /** The subject's own level; with {@code defaultToGlobal} the global one when it has none, else 40408. */
    CompatibilityLevel ofSubject(String subject, boolean defaultToGlobal) {
        return state.subjectLevel(subject).orElseGet(() -> {
            if (defaultToGlobal) {
                return state.globalLevel();
            }
            throw RegistryException.subjectLevelConfigNotFound(subject);
        });
    }

    CompatibilityLevel setForSubject(String subject, CompatibilityLevel level) {
        return log.write(current -> current.subjectLevel(subject).orElse(null) == level
                ? WritePlan.nothing(level)
                : WritePlan.of(List.of(new LogRecord.Config(subject, level)), level));
    }

    /** Removes the subject's own level; answers the level it had (40401 for a subject the registry never saw). */
    CompatibilityLevel deleteForSubject(String subject) {
        return log.write(current -> {
            CompatibilityLevel previous = current.subjectLevel(subject).orElse(null);
            if (previous == null) {
                if (current.allVersions(subject).isEmpty()) {
                    throw RegistryException.subjectNotFound(subject);
                }
                return WritePlan.nothing(current.globalLevel());
            }
            return WritePlan.of(List.of(new LogRecord.Config(subject, null)), previous);
        });
    }
}

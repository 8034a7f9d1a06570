package io.switchboard.registry;

import java.util.Locale;

/**
 * Confluent's compatibility levels. Rule: BACKWARD means the new schema (reader) can read data written with the
 * previous one (writer); FORWARD the reverse; FULL both; a TRANSITIVE level checks every earlier live version instead
 * of the latest only; NONE checks nothing. BACKWARD is the default.
 */
enum CompatibilityLevel {
    NONE(false, false, false),
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true);

    static final CompatibilityLevel DEFAULT = BACKWARD;

    private final boolean backward;
    private final boolean forward;
    private final boolean transitive;

    CompatibilityLevel(boolean backward, boolean forward, boolean transitive) {
        this.backward = backward;
        this.forward = forward;
        this.transitive = transitive;
    }

    /** The new schema must read data written with earlier ones. */
    boolean backward() {
        return backward;
    }

    /** Earlier schemas must read data written with the new one. */
    boolean forward() {
        return forward;
    }

    /** Checked against every live version, not only the latest. */
    boolean transitive() {
        return transitive;
    }

    /** Case-insensitive, as Confluent accepts "backward" as well as "BACKWARD"; 42203 otherwise. */
    static CompatibilityLevel parse(String text) {
        if (text == null || text.isBlank()) {
            throw RegistryException.invalidCompatibilityLevel();
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw RegistryException.invalidCompatibilityLevel();
        }
    }
}

package io.switchboard.registry;

/**
 * One entry of the {@code _schemas} topic, decoded. Rule: the topic is a changelog keyed like Confluent's, so the
 * newest record per key wins and compaction keeps the state intact; a {@code null} value (tombstone) removes the key.
 */
sealed interface LogRecord {

    /** A version of a subject: {@code {"keytype":"SCHEMA","subject","version","magic":1}}. */
    record SchemaVersion(String subject, int version, int id, String schema, boolean deleted) implements LogRecord {

        /** A tombstone: the version is gone for good (not written by this registry, which only soft-deletes). */
        boolean removed() {
            return schema == null;
        }
    }

    /** A compatibility level; {@code subject == null} is the global one. {@code level == null} removes it. */
    record Config(String subject, CompatibilityLevel level) implements LogRecord {
    }

    /** A key this registry does not act on (Confluent's NOOP, MODE, DELETE_SUBJECT, ...). */
    record Ignored(String keyType) implements LogRecord {
    }
}

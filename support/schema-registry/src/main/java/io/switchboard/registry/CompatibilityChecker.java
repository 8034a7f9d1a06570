package io.switchboard.registry;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * Decides whether a candidate schema may follow earlier versions under a {@link CompatibilityLevel}, with Avro's own
 * {@link SchemaCompatibility}. Rule: BACKWARD checks reader = candidate against writer = earlier version, FORWARD the
 * reverse; non-transitive levels look at the newest earlier version only. An empty answer means compatible.
 */
final class CompatibilityChecker {

    private CompatibilityChecker() {
    }

    /**
     * The reasons {@code candidate} may not follow {@code earlier} (newest first) under {@code level}; empty when it
     * may.
     */
    static List<String> incompatibilities(CompatibilityLevel level, Schema candidate, List<VersionedSchema> earlier) {
        List<String> problems = new ArrayList<>();
        if (level == CompatibilityLevel.NONE || earlier.isEmpty()) {
            return problems;
        }
        List<VersionedSchema> against = level.transitive() ? earlier : earlier.subList(0, 1);
        for (VersionedSchema previous : against) {
            if (level.backward()) {
                check(candidate, previous.schema(), "new schema cannot read data written with version "
                        + previous.version(), problems);
            }
            if (level.forward()) {
                check(previous.schema(), candidate, "version " + previous.version()
                        + " cannot read data written with the new schema", problems);
            }
        }
        return problems;
    }

    private static void check(Schema reader, Schema writer, String direction, List<String> problems) {
        SchemaPairCompatibility result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (result.getType() == SchemaCompatibilityType.COMPATIBLE) {
            return;
        }
        for (Incompatibility incompatibility : result.getResult().getIncompatibilities()) {
            problems.add("{errorType:'" + incompatibility.getType() + "', description:'" + direction + ": "
                    + incompatibility.getMessage() + "', location:'" + incompatibility.getLocation() + "'}");
        }
    }

    /** One earlier version of a subject, parsed. */
    record VersionedSchema(int version, Schema schema) {
    }
}

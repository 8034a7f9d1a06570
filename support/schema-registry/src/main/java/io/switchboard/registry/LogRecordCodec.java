package io.switchboard.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * JSON keys and values of the {@code _schemas} topic, in the spirit of Confluent's store format:
 * <pre>
 * {"keytype":"SCHEMA","subject":"s","version":1,"magic":1}
 *     -> {"subject":"s","version":1,"id":7,"schema":"...","deleted":false}
 * {"keytype":"CONFIG","subject":"s","magic":0}  -> {"compatibilityLevel":"BACKWARD"}
 * {"keytype":"CONFIG","subject":null,"magic":0} -> the global level
 * </pre>
 * Rule: keys are written with a fixed field order so that equal keys are equal bytes (compaction compares bytes).
 */
final class LogRecordCodec {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LogRecordCodec() {
    }

    static byte[] key(LogRecord record) {
        ObjectNode key = JSON.createObjectNode();
        if (record instanceof LogRecord.SchemaVersion version) {
            key.put("keytype", "SCHEMA").put("subject", version.subject()).put("version", version.version())
                    .put("magic", 1);
        } else if (record instanceof LogRecord.Config config) {
            key.put("keytype", "CONFIG").put("subject", config.subject()).put("magic", 0);
        } else {
            throw new IllegalArgumentException("not written by this registry: " + record);
        }
        return bytes(key);
    }

    /** The value, or {@code null} (a tombstone) for a removed config. */
    static byte[] value(LogRecord record) {
        if (record instanceof LogRecord.SchemaVersion version) {
            return bytes(JSON.createObjectNode().put("subject", version.subject()).put("version", version.version())
                    .put("id", version.id()).put("schema", version.schema()).put("deleted", version.deleted()));
        }
        if (record instanceof LogRecord.Config config) {
            return config.level() == null ? null
                    : bytes(JSON.createObjectNode().put("compatibilityLevel", config.level().name()));
        }
        throw new IllegalArgumentException("not written by this registry: " + record);
    }

    /**
     * Decodes one topic record. A tombstone for a SCHEMA key decodes to a version without schema
     * ({@link LogRecord.SchemaVersion#removed()}); anything unreadable throws, and the reader skips it.
     */
    static LogRecord decode(byte[] keyBytes, byte[] valueBytes) {
        JsonNode key = tree(keyBytes);
        String keyType = key.path("keytype").asText("");
        JsonNode subjectNode = key.get("subject");
        String subject = subjectNode == null || subjectNode.isNull() ? null : subjectNode.asText();
        switch (keyType) {
            case "SCHEMA": {
                int version = key.path("version").asInt();
                if (valueBytes == null) {
                    return new LogRecord.SchemaVersion(subject, version, -1, null, true);
                }
                JsonNode value = tree(valueBytes);
                return new LogRecord.SchemaVersion(subject, version, value.path("id").asInt(),
                        value.path("schema").asText(), value.path("deleted").asBoolean(false));
            }
            case "CONFIG": {
                if (valueBytes == null) {
                    return new LogRecord.Config(subject, null);
                }
                String level = tree(valueBytes).path("compatibilityLevel").asText(null);
                return new LogRecord.Config(subject, level == null ? null : CompatibilityLevel.parse(level));
            }
            default:
                return new LogRecord.Ignored(keyType);
        }
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode tree(byte[] bytes) {
        if (bytes == null) {
            throw new IllegalArgumentException("missing key");
        }
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
    }
}

package io.switchboard.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LogRecordCodecTest {

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void schemaVersionsUseConfluentStyleKeysAndValues() {
        LogRecord.SchemaVersion version = new LogRecord.SchemaVersion("send-commands-value", 2, 7, "\"string\"", false);

        assertThat(text(LogRecordCodec.key(version)))
                .isEqualTo("{\"keytype\":\"SCHEMA\",\"subject\":\"send-commands-value\",\"version\":2,\"magic\":1}");
        assertThat(text(LogRecordCodec.value(version))).isEqualTo(
                "{\"subject\":\"send-commands-value\",\"version\":2,\"id\":7,\"schema\":\"\\\"string\\\"\",\"deleted\":false}");
        assertThat(LogRecordCodec.decode(LogRecordCodec.key(version), LogRecordCodec.value(version))).isEqualTo(version);
    }

    @Test
    void configsAreKeyedBySubjectOrNullForTheGlobalLevel() {
        LogRecord.Config global = new LogRecord.Config(null, CompatibilityLevel.FULL);
        LogRecord.Config subject = new LogRecord.Config("s", CompatibilityLevel.NONE);

        assertThat(text(LogRecordCodec.key(global))).isEqualTo("{\"keytype\":\"CONFIG\",\"subject\":null,\"magic\":0}");
        assertThat(text(LogRecordCodec.value(subject))).isEqualTo("{\"compatibilityLevel\":\"NONE\"}");
        assertThat(LogRecordCodec.decode(LogRecordCodec.key(global), LogRecordCodec.value(global))).isEqualTo(global);
        assertThat(LogRecordCodec.decode(LogRecordCodec.key(subject), LogRecordCodec.value(subject))).isEqualTo(subject);
    }

    @Test
    void tombstonesRemoveAndForeignKeyTypesAreIgnored() {
        LogRecord removed = LogRecordCodec.decode(
                bytes("{\"keytype\":\"SCHEMA\",\"subject\":\"s\",\"version\":1,\"magic\":1}"), null);
        LogRecord config = LogRecordCodec.decode(bytes("{\"keytype\":\"CONFIG\",\"subject\":\"s\",\"magic\":0}"), null);
        LogRecord noop = LogRecordCodec.decode(bytes("{\"keytype\":\"NOOP\",\"magic\":0}"), bytes("{}"));

        assertThat(((LogRecord.SchemaVersion) removed).removed()).isTrue();
        assertThat(config).isEqualTo(new LogRecord.Config("s", null));
        assertThat(noop).isEqualTo(new LogRecord.Ignored("NOOP"));
    }
}

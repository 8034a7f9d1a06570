package io.switchboard.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.ErrorInfo;
import io.switchboard.schemas.avro.MessageKind;
import io.switchboard.schemas.avro.MessageState;
import io.switchboard.schemas.avro.MessageStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every earlier version of a value schema kept under {@code avro-history/} and the current one read each other's
 * records: new readers read what old writers wrote (backward) and old readers read what new writers write (forward),
 * so producers and consumers of a topic can be upgraded in any order.
 */
class SchemaHistoryTest {

    @ParameterizedTest
    @ValueSource(strings = {"MessageStatus.1.avsc"})
    void earlierMessageStatusVersionsAndTheCurrentOneReadEachOther(String file) throws IOException {
        Schema previous = parseWithSharedTypes(file);
        Schema current = MessageStatus.getClassSchema();

        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(current, previous).getType())
                .as("current reads %s", file).isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(previous, current).getType())
                .as("%s reads current", file).isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }

    /** The history files name the shared types of {@code common/}; the parser learns them first. */
    private static Schema parseWithSharedTypes(String file) throws IOException {
        Schema.Parser parser = new Schema.Parser();
        parser.parse(ErrorInfo.getClassSchema().toString());
        parser.parse(MessageState.getClassSchema().toString());
        parser.parse(MessageKind.getClassSchema().toString());
        try (InputStream in = SchemaHistoryTest.class.getResourceAsStream("/avro-history/" + file)) {
            return parser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}

package io.switchboard.dispatcher.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.registry.EmbeddedSchemaRegistry;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.MessageEvent;
import io.switchboard.schemas.avro.MessageEventType;
import io.switchboard.schemas.avro.SendCommand;
import io.switchboard.schemas.registry.SchemaRegistryClients;
import io.switchboard.testkit.KafkaTestCluster;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.ThrowingSupplier;

/** What the consumer makes of every kind of value, against a real registry: never a failed poll for a bad record. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommandDecoderTest {

    private static final String TOPIC = Topics.SEND_COMMANDS.name();
    private String registryUrl;
    private CommandDecoder decoder;

    @BeforeAll
    void start() {
        registryUrl = EmbeddedSchemaRegistry.shared(KafkaTestCluster.shared().bootstrapServers()).url();
        decoder = new CommandDecoder(SchemaRegistryClients.forUrl(registryUrl));
    }

    @Test
    void aSendCommandDecodesAndKeepsItsBytes() {
        SendCommand command = CommandRulesTest.text().build();
        byte[] bytes = Topics.SEND_COMMANDS.valueSerde(registryUrl).serializer().serialize(TOPIC, command);

        ConsumedCommand consumed = decoder.deserialize(TOPIC, bytes);

        assertThat(consumed.command()).isEqualTo(command);
        assertThat(consumed.value()).isEqualTo(bytes);
        assertThat(consumed.undecodable()).isNull();
    }

    @Test
    void bytesThatAreNotTheWireFormatAreNotWireFormat() {
        assertThat(code(() -> decoder.deserialize(TOPIC, "{\"not\":\"avro\"}".getBytes()))).isEqualTo(RejectionCode.NOT_WIRE_FORMAT);
        assertThat(code(() -> decoder.deserialize(TOPIC, new byte[] {0, 0}))).isEqualTo(RejectionCode.NOT_WIRE_FORMAT);
    }

    @Test
    void anUnknownSchemaIdIsUnknown() {
        byte[] bytes = ByteBuffer.allocate(9).put((byte) 0).putInt(987_654).putInt(42).array();
        assertThat(code(() -> decoder.deserialize(TOPIC, bytes))).isEqualTo(RejectionCode.UNKNOWN_SCHEMA_ID);
    }

    @Test
    void anotherTopicsRecordIsNotASendCommand() {
        MessageEvent event = MessageEvent.newBuilder().setMessageId("m-1").setType(MessageEventType.SENT)
                .setOccurredAt(Instant.now()).build();
        byte[] bytes = Topics.MESSAGE_EVENTS.valueSerde(registryUrl).serializer()
                .serialize(Topics.MESSAGE_EVENTS.name(), event);
        assertThat(code(() -> decoder.deserialize(TOPIC, bytes))).isEqualTo(RejectionCode.NOT_A_SEND_COMMAND);
    }

    @Test
    void aTruncatedBodyIsUndecodable() {
        byte[] bytes = Topics.SEND_COMMANDS.valueSerde(registryUrl).serializer()
                .serialize(TOPIC, CommandRulesTest.text().build());
        assertThat(code(() -> decoder.deserialize(TOPIC, Arrays.copyOf(bytes, 12)))).isEqualTo(RejectionCode.UNDECODABLE);
    }

    @Test
    void anUnreachableRegistryIsThrownSoThePartitionWaits() {
        CommandDecoder offline = new CommandDecoder(SchemaRegistryClients.forUrl("http://127.0.0.1:9"));
        byte[] bytes = ByteBuffer.allocate(9).put((byte) 0).putInt(1).putInt(42).array();
        try {
            offline.deserialize(TOPIC, bytes);
            throw new AssertionError("expected a SerializationException");
        } catch (SerializationException expected) {
            assertThat(expected).hasMessageContaining("unavailable");
        }
    }

    private static RejectionCode code(ThrowingSupplier<ConsumedCommand> decode) {
        try {
            ConsumedCommand consumed = decode.get();
            assertThat(consumed.command()).isNull();
            assertThat(consumed.undecodable().reason()).isNotBlank();
            return consumed.undecodable().code();
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }
}

package io.switchboard.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.schemas.RecordsAccess;
import io.switchboard.schemas.RegistryFixture;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.InboundMessage;
import io.switchboard.schemas.avro.MessageEvent;
import io.switchboard.schemas.avro.MessageEventType;
import io.switchboard.schemas.avro.MessageStatus;
import io.switchboard.schemas.avro.SendCommand;
import io.switchboard.schemas.avro.StatusUpdate;
import io.switchboard.schemas.registry.SchemaRegistryClients;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HexFormat;
import org.apache.avro.Schema;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {

    private final String registryUrl = RegistryFixture.registryUrl();

    @Test
    void everyMessageKindOfSendCommandSurvivesARoundTrip() {
        Serde<SendCommand> serde = Topics.SEND_COMMANDS.valueSerde(registryUrl);
        for (SendCommand command : new SendCommand[] {RecordsAccess.text(),
                RecordsAccess.namedTemplate(), RecordsAccess.interactiveList()}) {
            byte[] bytes = serde.serializer().serialize(Topics.SEND_COMMANDS.name(), command);
            assertThat(serde.deserializer().deserialize(Topics.SEND_COMMANDS.name(), bytes)).isEqualTo(command);
        }
    }

    @Test
    void statusInboundAndProjectedRecordsSurviveARoundTrip() {
        Serde<StatusUpdate> statuses = Topics.STATUS_UPDATES.valueSerde(registryUrl);
        StatusUpdate status = RecordsAccess.failedStatus();
        assertThat(statuses.deserializer().deserialize("status-updates",
                statuses.serializer().serialize("status-updates", status))).isEqualTo(status);

        Serde<InboundMessage> inbound = Topics.INBOUND_MESSAGES.valueSerde(registryUrl);
        InboundMessage reply = RecordsAccess.buttonReply();
        assertThat(inbound.deserializer().deserialize("inbound-messages",
                inbound.serializer().serialize("inbound-messages", reply))).isEqualTo(reply);

        Serde<MessageStatus> projected = Topics.MESSAGE_STATUS.valueSerde(registryUrl);
        MessageStatus read = RecordsAccess.readStatus();
        assertThat(projected.deserializer().deserialize("message-status",
                projected.serializer().serialize("message-status", read))).isEqualTo(read);
    }

    @Test
    void aFixedRecordIsWrittenAsMagicByteSchemaIdAndExactAvroBytes() {
        MessageEvent sent = MessageEvent.newBuilder().setMessageId("3f2a9c1e-0000-4000-8000-000000000001")
                .setType(MessageEventType.SENT).setOccurredAt(Instant.ofEpochMilli(1_750_030_073_000L))
                .setWamid("wamid.HBgLMTY1MDU1NTEyMzQVAgARGBI").setAttempt(1)
                .setPhoneNumberId("106540352242922").setRecipient("+16505551234").build();

        byte[] bytes = Topics.MESSAGE_EVENTS.valueSerde(registryUrl).serializer().serialize("message-events", sent);

        int id = SchemaRegistryClients.forUrl(registryUrl).lookup("message-events-value", sent.getSchema()).id();
        // Avro binary of the record, computed independently of Avro's own encoder (zig-zag varints by hand).
        String avroBody = "4833663261396331652d303030302d343030302d383030302d303030303030303030303031"
                + "04" + "d0f2dddeee65" + "02" + "4277616d69642e4842674c4d5459314d4455314e5445794d7a5156416741524742"
                + "49" + "02" + "00" + "02" + "1e313036353430333532323432393232" + "02" + "182b3136353035353531323334";
        String header = "00" + HexFormat.of().toHexDigits(id);
        assertThat(HexFormat.of().formatHex(bytes)).isEqualTo(header + avroBody);
    }

    @Test
    void aRecordWrittenWithAnOlderSchemaIsReadWithTheNewFieldsDefaults() throws Exception {
        // An older producer whose SendCommand had no "source" field: the reader fills in the default.
        ObjectNode json = (ObjectNode) new ObjectMapper().readTree(SendCommand.getClassSchema().toString());
        ArrayNode fieldsJson = (ArrayNode) json.get("fields");
        for (int i = fieldsJson.size() - 1; i >= 0; i--) {
            if (fieldsJson.get(i).get("name").asText().equals("source")) {
                fieldsJson.remove(i);
            }
        }
        Schema older = new Schema.Parser().parse(json.toString());
        assertThat(older.getField("source")).isNull();

        SendCommand command = RecordsAccess.text();
        command.setSource("kafka");
        GenericRecord record = new GenericData.Record(older);
        for (Schema.Field field : older.getFields()) {
            record.put(field.name(), GenericData.get().deepCopy(field.schema(), toGeneric(command, field.name())));
        }
        int id = SchemaRegistryClients.forUrl(registryUrl).register("older-producer-value", older);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(ByteBuffer.allocate(5).put((byte) 0).putInt(id).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(older).write(record, encoder);
        encoder.flush();

        SendCommand read = new AvroDeserializer<>(SendCommand.class, SchemaRegistryClients.forUrl(registryUrl))
                .deserialize("send-commands", out.toByteArray());

        assertThat(read.getSource()).isEqualTo("api");
        assertThat(read.getText().getBody()).isEqualTo(command.getText().getBody());
        assertThat(read.getRecipient()).isEqualTo("+919876543210");
    }

    @Test
    void aPayloadWithoutTheMagicByteIsRefusedWithAClearError() {
        Serde<SendCommand> serde = Topics.SEND_COMMANDS.valueSerde(registryUrl);
        assertThatThrownBy(() -> serde.deserializer().deserialize("send-commands", "{\"to\":\"+91\"}".getBytes()))
                .isInstanceOf(SerializationException.class).hasMessageContaining("magic byte");
        assertThatThrownBy(() -> serde.deserializer().deserialize("send-commands", new byte[] {0, 0}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("too short");
    }

    @Test
    void nullIsATombstoneBothWays() {
        Serde<SendCommand> serde = Topics.SEND_COMMANDS.valueSerde(registryUrl);
        assertThat(serde.serializer().serialize("send-commands", null)).isNull();
        assertThat(serde.deserializer().deserialize("send-commands", null)).isNull();
    }

    private static Object toGeneric(SendCommand command, String field) {
        // Specific and generic records share Avro's in-memory representation except for logical types.
        Object value = command.get(field);
        return value instanceof Instant instant ? instant.toEpochMilli() : value;
    }
}

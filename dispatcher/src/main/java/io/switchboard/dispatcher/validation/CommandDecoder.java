package io.switchboard.dispatcher.validation;

import io.switchboard.schemas.avro.SendCommand;
import io.switchboard.schemas.registry.SchemaRegistryClient;
import io.switchboard.schemas.registry.SchemaRegistryException;
import io.switchboard.schemas.serde.AvroDeserializer;
import io.switchboard.schemas.serde.WireFormat;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads send-commands values without ever failing the poll for a bad record: any value becomes a
 * {@link ConsumedCommand} holding the original bytes and either the command or why it is not one (not the wire
 * format, an unknown schema id, another record type, an Avro body that does not decode). The one failure that is
 * still thrown is a registry that cannot be reached (no answer, or 5xx): that record is not bad, only unreadable
 * for now, and the consumer loop pauses its partition and reads it again.
 */
public final class CommandDecoder implements Deserializer<ConsumedCommand> {

    private static final String SEND_COMMAND = SpecificData.get().getSchema(SendCommand.class).getFullName();

    private final SchemaRegistryClient registry;
    private final AvroDeserializer<SendCommand> avro;

    public CommandDecoder(SchemaRegistryClient registry) {
        this.registry = registry;
        this.avro = new AvroDeserializer<>(SendCommand.class, registry);
    }

    @Override
    public ConsumedCommand deserialize(String topic, byte[] value) {
        if (value == null) {
            return null;
        }
        int schemaId;
        try {
            schemaId = WireFormat.schemaId(value);
        } catch (SerializationException e) {
            return ConsumedCommand.undecodable(value, RejectionCode.NOT_WIRE_FORMAT, e.getMessage());
        }
        Schema writer;
        try {
            writer = registry.schemaById(schemaId);
        } catch (SchemaRegistryException e) {
            if (unavailable(e)) {
                throw new SerializationException("Schema registry unavailable for schema id " + schemaId, e);
            }
            return ConsumedCommand.undecodable(value, RejectionCode.UNKNOWN_SCHEMA_ID,
                    "schema id " + schemaId + " is not known to the schema registry (HTTP " + e.httpStatus() + ")");
        }
        if (!SEND_COMMAND.equals(writer.getFullName())) {
            return ConsumedCommand.undecodable(value, RejectionCode.NOT_A_SEND_COMMAND, "schema id " + schemaId
                    + " is " + writer.getFullName() + ", not " + SEND_COMMAND
                    + " (register under subject send-commands-value)");
        }
        try {
            return ConsumedCommand.decoded(avro.deserialize(topic, value), value);
        } catch (SerializationException e) {
            if (e.getCause() instanceof SchemaRegistryException registryError && unavailable(registryError)) {
                throw e;
            }
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return ConsumedCommand.undecodable(value, RejectionCode.UNDECODABLE, "the Avro body does not decode "
                    + "with schema id " + schemaId + ": " + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : " " + cause.getMessage()));
        }
    }

    private static boolean unavailable(SchemaRegistryException e) {
        return e.httpStatus() < 0 || e.httpStatus() >= 500;
    }
}

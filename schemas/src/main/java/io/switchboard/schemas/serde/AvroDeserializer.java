package io.switchboard.schemas.serde;

import io.switchboard.schemas.registry.SchemaRegistryClient;
import io.switchboard.schemas.registry.SchemaRegistryClients;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads the Confluent wire format into a generated Avro class. The writer's schema is fetched by the id in the
 * payload (once, then cached) and resolved against the class's own schema, so records written by older or newer
 * compatible producers decode. Null stays null (tombstones).
 */
public final class AvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

    private final Class<T> type;
    private final Schema readerSchema;
    private SchemaRegistryClient registry;
    private final Map<Integer, SpecificDatumReader<T>> readersByWriterId = new ConcurrentHashMap<>();

    public AvroDeserializer(Class<T> type, SchemaRegistryClient registry) {
        TrustedAvroClasses.install();
        this.type = type;
        this.readerSchema = SpecificData.get().getSchema(type);
        this.registry = registry;
    }

    public AvroDeserializer(Class<T> type) {
        this(type, null);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (registry == null) {
            registry = SchemaRegistryClients.forUrl(String.valueOf(configs.get(AvroSerializer.REGISTRY_URL_CONFIG)));
        }
    }

    @Override
    public T deserialize(String topic, byte[] payload) {
        if (payload == null) {
            return null;
        }
        int id = WireFormat.schemaId(payload);
        try {
            SpecificDatumReader<T> reader = readersByWriterId.computeIfAbsent(id,
                    i -> new SpecificDatumReader<>(registry.schemaById(i), readerSchema));
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(payload, WireFormat.HEADER_SIZE,
                    payload.length - WireFormat.HEADER_SIZE, null);
            return reader.read(null, decoder);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Could not read a " + type.getSimpleName() + " (schema id " + id
                    + ") from " + topic, e);
        }
    }
}

package io.switchboard.schemas.serde;

import io.switchboard.schemas.registry.SchemaRegistryClient;
import io.switchboard.schemas.registry.SchemaRegistryClients;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes Avro records in the Confluent wire format. The schema is registered under {@code <topic>-value} (or
 * {@code -key}) the first time a topic is written, then its id comes from the client's cache. Null is a tombstone.
 * Config: {@code schema.registry.url}.
 */
public final class AvroSerializer<T extends SpecificRecord> implements Serializer<T> {

    public static final String REGISTRY_URL_CONFIG = "schema.registry.url";

    private SchemaRegistryClient registry;
    private boolean isKey;
    private final Map<String, Integer> idsByTopic = new ConcurrentHashMap<>();
    private final Map<Schema, SpecificDatumWriter<T>> writers = new ConcurrentHashMap<>();

    /** For Kafka to instantiate by class name; {@link #configure} must follow. */
    public AvroSerializer() {
    }

    public AvroSerializer(SchemaRegistryClient registry, boolean isKey) {
        this.registry = registry;
        this.isKey = isKey;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.isKey = isKey;
        if (registry == null) {
            registry = SchemaRegistryClients.forUrl(String.valueOf(configs.get(REGISTRY_URL_CONFIG)));
        }
    }

    @Override
    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;
        }
        Schema schema = record.getSchema();
        int id = idsByTopic.computeIfAbsent(topic, t -> registry.register(t + (isKey ? "-key" : "-value"), schema));
        try {
            ByteArrayOutputStream body = new ByteArrayOutputStream(256);
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(body, null);
            writers.computeIfAbsent(schema, SpecificDatumWriter::new).write(record, encoder);
            encoder.flush();
            ByteBuffer framed = ByteBuffer.allocate(WireFormat.HEADER_SIZE + body.size());
            WireFormat.writeHeader(framed, id);
            framed.put(body.toByteArray());
            return framed.array();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Could not serialize a " + schema.getFullName() + " for " + topic, e);
        }
    }
}

package io.switchboard.schemas.serde;

import io.switchboard.schemas.registry.SchemaRegistryClient;
import io.switchboard.schemas.registry.SchemaRegistryClients;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** A Kafka {@link Serde} for one generated Avro class in the Confluent wire format. */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {

    private final AvroSerializer<T> serializer;
    private final AvroDeserializer<T> deserializer;

    public AvroSerde(Class<T> type, SchemaRegistryClient registry, boolean isKey) {
        this.serializer = new AvroSerializer<>(registry, isKey);
        this.deserializer = new AvroDeserializer<>(type, registry);
    }

    /** A value serde against the registry at {@code registryUrl}, sharing that URL's client cache. */
    public static <T extends SpecificRecord> AvroSerde<T> forValues(Class<T> type, String registryUrl) {
        return new AvroSerde<>(type, SchemaRegistryClients.forUrl(registryUrl), false);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        // Already bound to a registry client at construction.
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }
}

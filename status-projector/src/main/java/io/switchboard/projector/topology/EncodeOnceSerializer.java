package io.switchboard.projector.topology;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Encodes a value once when the same instance is written to several topics in a row: the status applier puts each new
 * status into its store (serialized for the store's changelog topic) and then forwards the very same record to
 * {@code message-status}, which would encode it a second time. The second write reuses the first encoding, with the
 * 4-byte schema id of the Confluent wire format (bytes 1-4) replaced by the id the target topic's subject uses, so
 * the bytes are exactly what the wrapped serializer would have written.
 *
 * <p>Rule: values are never mutated after they were first serialized (the topology builds a new record for every
 * change). The last value is remembered per thread, by identity, so stream threads never share an entry.
 *
 * @param <T> the value type
 */
final class EncodeOnceSerializer<T> implements Serializer<T> {

    private static final int ID_OFFSET = 1;
    private static final int ID_END = 5;

    private final Serializer<T> wrapped;
    private final Map<String, byte[]> schemaIdByTopic = new ConcurrentHashMap<>();
    private final ThreadLocal<Last> last = new ThreadLocal<>();

    EncodeOnceSerializer(Serializer<T> wrapped) {
        this.wrapped = wrapped;
    }

    private record Last(Object value, byte[] bytes) {
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        wrapped.configure(configs, isKey);
    }

    @Override
    public byte[] serialize(String topic, T value) {
        if (value == null) {
            return wrapped.serialize(topic, null);
        }
        Last previous = last.get();
        byte[] schemaId = schemaIdByTopic.get(topic);
        if (previous != null && previous.value() == value && schemaId != null) {
            byte[] copy = previous.bytes().clone();
            System.arraycopy(schemaId, 0, copy, ID_OFFSET, schemaId.length);
            return copy;
        }
        byte[] bytes = wrapped.serialize(topic, value);
        if (bytes != null && bytes.length >= ID_END) {
            schemaIdByTopic.putIfAbsent(topic, Arrays.copyOfRange(bytes, ID_OFFSET, ID_END));
            last.set(new Last(value, bytes));
        }
        return bytes;
    }

    @Override
    public void close() {
        wrapped.close();
    }
}

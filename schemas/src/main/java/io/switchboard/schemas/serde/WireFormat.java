package io.switchboard.schemas.serde;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Confluent's wire format: a zero magic byte, the schema id as a 4-byte big-endian integer, then the Avro binary
 * encoding of the record. Anything that speaks it (Confluent's serializers in any language, Apicurio's ccompat mode,
 * Karapace, Redpanda) reads and writes our topics.
 */
public final class WireFormat {

    public static final byte MAGIC_BYTE = 0;
    public static final int HEADER_SIZE = 5;

    private WireFormat() {
    }

    /** The schema id of a framed payload, after checking its magic byte. */
    public static int schemaId(byte[] payload) {
        if (payload.length < HEADER_SIZE) {
            throw new SerializationException("Payload of " + payload.length + " bytes is too short for the Confluent wire format");
        }
        if (payload[0] != MAGIC_BYTE) {
            throw new SerializationException("Unknown magic byte " + payload[0] + ": not the Confluent wire format");
        }
        return ByteBuffer.wrap(payload, 1, 4).getInt();
    }

    static void writeHeader(ByteBuffer target, int schemaId) {
        target.put(MAGIC_BYTE).putInt(schemaId);
    }
}

package io.switchboard.examples;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

/**
 * Confluent's wire format, which every Switchboard topic value uses: byte 0 is the magic byte {@code 0}, bytes 1-4
 * the schema id (big-endian int), the rest the Avro binary encoding of the record with that schema. Any Confluent
 * serializer in any language produces the same bytes; this class shows there is nothing more to it.
 */
public final class ConfluentWireFormat {

    static final byte MAGIC = 0;
    static final int HEADER = 5;

    private ConfluentWireFormat() {
    }

    /** The record framed with {@code schemaId}; the record must have been built with that schema. */
    public static byte[] encode(int schemaId, GenericRecord record) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(256);
            out.write(ByteBuffer.allocate(HEADER).put(MAGIC).putInt(schemaId).array());
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schema id of a framed value. */
    public static int schemaId(byte[] value) {
        if (value.length < HEADER || value[0] != MAGIC) {
            throw new IllegalArgumentException("Not the Confluent wire format (" + value.length + " bytes)");
        }
        return ByteBuffer.wrap(value, 1, 4).getInt();
    }

    /** Decodes with the writer's schema, fetched by the id in the value. Null (a tombstone) stays null. */
    public static GenericRecord decode(byte[] value, RegistryClient registry) {
        if (value == null) {
            return null;
        }
        Schema writer = registry.byId(schemaId(value));
        try {
            return new GenericDatumReader<GenericRecord>(writer).read(null,
                    DecoderFactory.get().binaryDecoder(value, HEADER, value.length - HEADER, null));
        } catch (IOException e) {
            throw new UncheckedIOException("Value does not decode with schema " + writer.getFullName(), e);
        }
    }
}

package io.switchboard.projector.topology;

import io.switchboard.projector.state.FactKind;
import io.switchboard.projector.state.StatusFact;
import io.switchboard.schemas.avro.ErrorInfo;
import io.switchboard.schemas.avro.MessageKind;
import io.switchboard.schemas.avro.MessageStatus;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The projector's private encoding of a {@link StatusFact} on its internal {@code facts-by-message} repartition topic:
 * a version byte ({@link #VERSION}), then every field in a fixed order (strings as length + UTF-8, -1 for null; times
 * as epoch milliseconds, the precision of the Avro schemas they come from; enums by name). No registry, no schema
 * resolution: the topic is written and read by this application only, and its records live until the next commit.
 *
 * <p>Upgrades: version 2 appends WhatsApp's own timestamp to version 1's fields; version 1 is still read (no
 * WhatsApp timestamp). Records written by an older projector in the Confluent wire format (magic byte 0, carrying the
 * {@link MessageStatus} envelope of {@link FactCodec}) are still read, with {@code legacy}; the first byte tells them
 * apart. A new layout must take a new version byte and keep reading the old one for one release.
 */
public final class FactSerde implements Serde<StatusFact>, Serializer<StatusFact>, Deserializer<StatusFact> {

    /** First byte of every fact in this encoding; the Confluent wire format starts with 0. */
    static final byte VERSION = 2;
    /** The layout before WhatsApp's own timestamp was carried. */
    static final byte VERSION_1 = 1;
    private static final byte CONFLUENT_MAGIC = 0;

    private final Deserializer<MessageStatus> legacy;

    /** @param legacy reads facts written by projectors before this encoding (Avro {@link MessageStatus} envelopes) */
    public FactSerde(Deserializer<MessageStatus> legacy) {
        this.legacy = legacy;
    }

    @Override
    public Serializer<StatusFact> serializer() {
        return this;
    }

    @Override
    public Deserializer<StatusFact> deserializer() {
        return this;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        // nothing to configure: the legacy deserializer comes configured
    }

    @Override
    public void close() {
        // nothing held
    }

    @Override
    public byte[] serialize(String topic, StatusFact fact) {
        if (fact == null) {
            return null;
        }
        Writer out = new Writer();
        out.buffer.put(VERSION);
        out.string(fact.messageId());
        out.string(fact.kind().name());
        out.instant(fact.at());
        out.string(fact.source());
        out.string(fact.wamid());
        out.buffer.putInt(fact.attempt());
        ErrorInfo error = fact.error();
        out.buffer.put((byte) (error == null ? 0 : 1));
        if (error != null) {
            out.buffer.putInt(error.getCode() == null ? Integer.MIN_VALUE : error.getCode());
            out.buffer.put((byte) (error.getCode() == null ? 0 : 1));
            out.string(error.getTitle());
            out.string(error.getDetail());
            out.string(error.getReason());
        }
        StatusFact.Metadata m = fact.metadata();
        out.string(m.accountId());
        out.string(m.phoneNumberId());
        out.string(m.recipient());
        out.string(m.kind() == null ? null : m.kind().name());
        out.string(m.reference());
        out.string(m.apiKeyId());
        out.instant(m.acceptedAt());
        out.instant(fact.whatsappAt());
        return out.bytes();
    }

    @Override
    public StatusFact deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (data.length > 0 && data[0] == CONFLUENT_MAGIC) {
            MessageStatus envelope = legacy.deserialize(topic, data);
            return envelope == null ? null : FactCodec.decode(envelope);
        }
        if (data.length == 0 || data[0] != VERSION && data[0] != VERSION_1) {
            throw new SerializationException("Unknown status fact encoding " + (data.length == 0 ? "(empty)" : data[0]));
        }
        ByteBuffer in = ByteBuffer.wrap(data, 1, data.length - 1);
        String messageId = string(in);
        FactKind kind = FactKind.valueOf(string(in));
        Instant at = instant(in);
        String source = string(in);
        String wamid = string(in);
        int attempt = in.getInt();
        ErrorInfo error = null;
        if (in.get() == 1) {
            int code = in.getInt();
            boolean hasCode = in.get() == 1;
            error = new ErrorInfo(hasCode ? code : null, string(in), string(in), string(in));
        }
        String accountId = string(in);
        String phoneNumberId = string(in);
        String recipient = string(in);
        String messageKind = string(in);
        StatusFact.Metadata metadata = new StatusFact.Metadata(accountId, phoneNumberId, recipient,
                messageKind == null ? null : MessageKind.valueOf(messageKind), string(in), string(in), instant(in));
        Instant whatsappAt = data[0] == VERSION_1 ? null : instant(in);
        return new StatusFact(messageId, kind, at, source, wamid, attempt, error, metadata, whatsappAt);
    }

    private static String string(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0) {
            return null;
        }
        String value = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return value;
    }

    private static Instant instant(ByteBuffer in) {
        return in.get() == 0 ? null : Instant.ofEpochMilli(in.getLong());
    }

    /** A growing buffer; facts are a few hundred bytes. */
    private static final class Writer {

        private ByteBuffer buffer = ByteBuffer.allocate(256);

        void string(String value) {
            if (value == null) {
                ensure(4);
                buffer.putInt(-1);
                return;
            }
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            ensure(4 + utf8.length);
            buffer.putInt(utf8.length);
            buffer.put(utf8);
        }

        void instant(Instant value) {
            ensure(9);
            buffer.put((byte) (value == null ? 0 : 1));
            if (value != null) {
                buffer.putLong(value.toEpochMilli());
            }
        }

        private void ensure(int more) {
            // fixed-size fields between strings take at most 16 bytes: keep that much spare as well
            if (buffer.remaining() < more + 16) {
                ByteBuffer bigger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + more + 16));
                buffer.flip();
                bigger.put(buffer);
                buffer = bigger;
            }
        }

        byte[] bytes() {
            byte[] result = new byte[buffer.position()];
            System.arraycopy(buffer.array(), 0, result, 0, result.length);
            return result;
        }
    }
}

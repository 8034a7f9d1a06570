package io.switchboard.projector.topology;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.common.utils.Bytes;

/**
 * Keys of the outbound index. A key is a keyspace prefix — one byte naming it, then each part (the account id, and
 * the recipient or the reference) as a 4-byte length and its UTF-8 bytes, so no value can run into the next part —
 * followed by {@code Long.MAX_VALUE - acceptedAtMillis} as 8 big-endian bytes and the message id's UTF-8 bytes. The
 * stores order keys by their bytes, so within a prefix the newest message comes first and ties go by message id:
 * {@link OutboundPosition}'s order.
 */
public final class OutboundKeys {

    /** Every message of an account. */
    public static final byte BY_ACCOUNT = 'A';
    /** An account's messages to one recipient. */
    public static final byte BY_RECIPIENT = 'T';
    /** An account's messages with one client reference. */
    public static final byte BY_REFERENCE = 'R';

    private static final int TIME_BYTES = Long.BYTES;

    private OutboundKeys() {
    }

    /** The prefix shared by every key of one keyspace and its parts. */
    public static byte[] prefix(byte keyspace, String... parts) {
        byte[][] encoded = new byte[parts.length][];
        int size = 1;
        for (int i = 0; i < parts.length; i++) {
            encoded[i] = parts[i].getBytes(StandardCharsets.UTF_8);
            size += Integer.BYTES + encoded[i].length;
        }
        ByteBuffer buffer = ByteBuffer.allocate(size).put(keyspace);
        for (byte[] part : encoded) {
            buffer.putInt(part.length).put(part);
        }
        return buffer.array();
    }

    /** The key of a message at {@code position} under {@code prefix}. */
    public static Bytes key(byte[] prefix, OutboundPosition position) {
        byte[] id = position.messageId().getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(prefix.length + TIME_BYTES + id.length).put(prefix)
                .putLong(Long.MAX_VALUE - position.acceptedAtMillis()).put(id).array());
    }

    /**
     * The smallest key of messages accepted before {@code untilMillis} (exclusive); the prefix itself when there is
     * no upper time bound.
     */
    public static Bytes newestBound(byte[] prefix, Long untilMillis) {
        if (untilMillis == null) {
            return Bytes.wrap(prefix);
        }
        return Bytes.wrap(ByteBuffer.allocate(prefix.length + TIME_BYTES).put(prefix)
                .putLong(Long.MAX_VALUE - (untilMillis - 1)).array());
    }

    /**
     * A key above every key of messages accepted at or after {@code sinceMillis} (inclusive) and below the older
     * ones; above the whole prefix when there is no lower time bound. No real key equals it (real keys go on with a
     * message id), so it may serve as an inclusive range end.
     */
    public static Bytes oldestBound(byte[] prefix, Long sinceMillis) {
        if (sinceMillis == null || sinceMillis <= 0) {
            byte[] bound = Arrays.copyOf(prefix, prefix.length + 1);
            bound[prefix.length] = (byte) 0xFF;
            return Bytes.wrap(bound);
        }
        return Bytes.wrap(ByteBuffer.allocate(prefix.length + TIME_BYTES).put(prefix)
                .putLong(Long.MAX_VALUE - sinceMillis + 1).array());
    }

    /** The position a key under a prefix of {@code prefixLength} bytes stands for. */
    public static OutboundPosition position(Bytes key, int prefixLength) {
        byte[] bytes = key.get();
        long inverted = ByteBuffer.wrap(bytes, prefixLength, TIME_BYTES).getLong();
        String messageId = new String(bytes, prefixLength + TIME_BYTES, bytes.length - prefixLength - TIME_BYTES,
                StandardCharsets.UTF_8);
        return new OutboundPosition(Long.MAX_VALUE - inverted, messageId);
    }
}

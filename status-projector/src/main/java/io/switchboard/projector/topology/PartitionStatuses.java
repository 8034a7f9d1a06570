package io.switchboard.projector.topology;

import io.switchboard.schemas.avro.MessageStatus;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The statuses of one owned partition of the message store that queries and the applier may read without touching
 * the store: those the applier wrote last, and those queries read from the store lately (statuses that are asked
 * about are asked again: clients poll). Reads are lock-free; every change happens under this object's monitor.
 *
 * <p>Rule: an entry is always the store's latest status for its message. The applier hands every status it puts into
 * the store to {@link #written}, which also replaces the message's asked entry and counts a new version. A query's
 * store read is kept ({@link #remember}) only when no write came in between ({@link #version} taken before the read
 * is still current): a read that raced a write may be older than the store, and is dropped. Each kind is bounded
 * ({@link KeyRing}: the oldest key of its kind goes first).
 */
final class PartitionStatuses {

    private final Map<String, MessageStatus> written = new ConcurrentHashMap<>();
    private final Map<String, MessageStatus> asked = new ConcurrentHashMap<>();
    private final KeyRing writtenOrder;
    private final KeyRing askedOrder;
    private long version;

    PartitionStatuses(int writtenCapacity, int askedCapacity) {
        this.writtenOrder = new KeyRing(writtenCapacity);
        this.askedOrder = new KeyRing(askedCapacity);
    }

    MessageStatus get(String messageId) {
        MessageStatus status = written.get(messageId);
        return status != null ? status : asked.get(messageId);
    }

    synchronized void written(String messageId, MessageStatus status) {
        version++;
        asked.replace(messageId, status);
        if (writtenOrder.capacity() == 0) {
            return;
        }
        if (written.put(messageId, status) == null) {
            String evicted = writtenOrder.add(messageId);
            if (evicted != null) {
                written.remove(evicted);
            }
        }
    }

    /** The count of writes so far; take it before a store read and hand it to {@link #remember}. */
    synchronized long version() {
        return version;
    }

    /** Keeps a status a query read from the store, unless the applier wrote any status since {@code readVersion}. */
    synchronized boolean remember(long readVersion, String messageId, MessageStatus status) {
        if (readVersion != version || askedOrder.capacity() == 0 || written.containsKey(messageId)) {
            return false;
        }
        if (asked.put(messageId, status) == null) {
            String evicted = askedOrder.add(messageId);
            if (evicted != null) {
                asked.remove(evicted);
            }
        }
        return true;
    }

    int writtenSize() {
        return written.size();
    }

    int askedSize() {
        return asked.size();
    }

    /** Distinct keys in insertion order, at most {@code capacity}; adding one beyond that returns the oldest. */
    private static final class KeyRing {

        private final String[] keys;
        private int next;

        KeyRing(int capacity) {
            this.keys = new String[capacity];
        }

        int capacity() {
            return keys.length;
        }

        String add(String key) {
            String evicted = keys[next];
            keys[next] = key;
            next = (next + 1) % keys.length;
            return evicted;
        }
    }
}

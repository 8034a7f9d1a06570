package io.switchboard.projector.topology;

import io.switchboard.schemas.avro.MessageStatus;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Statuses kept in memory per partition of the message store this instance owns ({@link PartitionStatuses}): the
 * ones the status applier wrote last, and the ones status queries read from the store lately. Queries answer from
 * here without waiting on the stream thread (a RocksDB point read is synchronized with the stream thread's writes and
 * flushes; finding the store takes Streams' task locks), and the applier reads a message's current status from here
 * before it asks the store (no RocksDB read, no Avro decoding for a message it just wrote).
 *
 * <p>Rules: every entry is the store's latest status for its message (see {@link PartitionStatuses}). A partition's
 * statuses are dropped when its applier task opens and when it closes (revoked, migrated, or closed dirty after an
 * aborted transaction, whose store is then restored from the changelog), so a partition owned again starts empty and
 * a stale status can never be served or applied. Queries never create a partition's entry: only an open applier
 * task does. A status not found here is read from the store. Values are never mutated after they are written (the
 * state machine builds a new record for every change).
 */
public final class RecentStatuses {

    /** Default statuses written last kept per partition: about 1 KB each. */
    public static final int DEFAULT_CAPACITY_PER_PARTITION = 2_000;
    /** Default statuses read by queries kept per partition. */
    public static final int DEFAULT_ASKED_PER_PARTITION = 1_000;

    private final int writtenPerPartition;
    private final int askedPerPartition;
    private final Map<Integer, PartitionStatuses> partitions = new ConcurrentHashMap<>();

    /** @param capacityPerPartition statuses written last kept per partition; 0 keeps none (queries read the store) */
    public RecentStatuses(int capacityPerPartition) {
        this(capacityPerPartition, 0);
    }

    /**
     * @param writtenPerPartition statuses written last kept per partition; 0 keeps none
     * @param askedPerPartition statuses read from the store by queries kept per partition; 0 keeps none
     */
    public RecentStatuses(int writtenPerPartition, int askedPerPartition) {
        if (writtenPerPartition < 0 || askedPerPartition < 0) {
            throw new IllegalArgumentException("capacities per partition must be >= 0: " + writtenPerPartition
                    + ", " + askedPerPartition);
        }
        this.writtenPerPartition = writtenPerPartition;
        this.askedPerPartition = askedPerPartition;
    }

    /** A view that keeps nothing. */
    public static RecentStatuses none() {
        return new RecentStatuses(0, 0);
    }

    /** The latest status of {@code messageId} if this view holds it, else null (then ask the store). */
    public MessageStatus get(int partition, String messageId) {
        PartitionStatuses statuses = partitions.get(partition);
        return statuses == null ? null : statuses.get(messageId);
    }

    /**
     * Taken right before a query reads {@code partition}'s store; null when nothing read may be kept (no open
     * applier task for it here, or no room for asked statuses).
     */
    public StoreRead beforeStoreRead(int partition) {
        PartitionStatuses statuses = askedPerPartition == 0 ? null : partitions.get(partition);
        return statuses == null ? null : new StoreRead(statuses, statuses.version());
    }

    /** A query's read of one partition's store, begun at {@code version} of that partition's statuses. */
    public static final class StoreRead {

        private final PartitionStatuses statuses;
        private final long version;

        private StoreRead(PartitionStatuses statuses, long version) {
            this.statuses = statuses;
            this.version = version;
        }

        /** Keeps what the store answered, unless the applier wrote meanwhile; true when kept. */
        public boolean answered(String messageId, MessageStatus status) {
            return status != null && statuses.remember(version, messageId, status);
        }
    }

    /** Called when the applier's task for {@code partition} opens: whatever was kept for it before is dropped. */
    void open(int partition) {
        if (writtenPerPartition == 0 && askedPerPartition == 0) {
            return;
        }
        partitions.put(partition, new PartitionStatuses(writtenPerPartition, askedPerPartition));
    }

    /** Called by the applier after {@code status} was put into the store for {@code messageId}. */
    void written(int partition, String messageId, MessageStatus status) {
        PartitionStatuses statuses = partitions.get(partition);
        if (statuses != null) {
            statuses.written(messageId, status);
        }
    }

    /** Called when the applier's task for {@code partition} closes: this instance may no longer own it. */
    void forget(int partition) {
        partitions.remove(partition);
    }

    /** Statuses written last held for {@code partition} (for tests and metrics). */
    public int size(int partition) {
        PartitionStatuses statuses = partitions.get(partition);
        return statuses == null ? 0 : statuses.writtenSize();
    }

    /** Statuses read by queries held for {@code partition} (for tests and metrics). */
    public int askedSize(int partition) {
        PartitionStatuses statuses = partitions.get(partition);
        return statuses == null ? 0 : statuses.askedSize();
    }
}

package io.switchboard.projector.topology;

import io.switchboard.schemas.avro.MessageStatus;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The statuses this instance's status applier wrote most recently, per partition of the message store it owns: a
 * lock-free read view for status queries. Reading the store itself from an HTTP thread waits on the stream thread
 * (a RocksDB point read is synchronized with the stream thread's writes and flushes; finding the store takes Streams'
 * task locks), which on a busy machine is the query's whole tail.
 *
 * <p>Rules: only the applier writes, right after it puts the same status into the store, so a status found here is
 * the store's latest for that message (never older). When a partition's task closes (revoked, migrated, or closed
 * dirty after an aborted transaction) its view is forgotten, so a partition owned again starts empty and a stale
 * status can never be served. Each partition keeps at most {@code capacityPerPartition} statuses, an arbitrary one
 * being dropped for each new message beyond that: a status not found here is read from the store. Values are never
 * mutated after they are written (the state machine builds a new record for every change).
 */
public final class RecentStatuses {

    /** Default statuses kept per partition: about 1 KB each. */
    public static final int DEFAULT_CAPACITY_PER_PARTITION = 2_000;

    private final int capacityPerPartition;
    private final Map<Integer, Map<String, MessageStatus>> partitions = new ConcurrentHashMap<>();

    /** @param capacityPerPartition statuses kept per partition; 0 keeps none (every query reads the store) */
    public RecentStatuses(int capacityPerPartition) {
        if (capacityPerPartition < 0) {
            throw new IllegalArgumentException("capacity per partition must be >= 0: " + capacityPerPartition);
        }
        this.capacityPerPartition = capacityPerPartition;
    }

    /** A view that keeps nothing. */
    public static RecentStatuses none() {
        return new RecentStatuses(0);
    }

    /** The latest status of {@code messageId} if this view still holds it, else null (then ask the store). */
    public MessageStatus get(int partition, String messageId) {
        Map<String, MessageStatus> statuses = partitions.get(partition);
        return statuses == null ? null : statuses.get(messageId);
    }

    /** Called by the applier after {@code status} was put into the store for {@code messageId}. */
    void written(int partition, String messageId, MessageStatus status) {
        if (capacityPerPartition == 0) {
            return;
        }
        Map<String, MessageStatus> statuses = partitions.computeIfAbsent(partition, p -> new ConcurrentHashMap<>());
        if (statuses.size() >= capacityPerPartition && !statuses.containsKey(messageId)) {
            Iterator<String> any = statuses.keySet().iterator();
            if (any.hasNext()) {
                any.next();
                any.remove();
            }
        }
        statuses.put(messageId, status);
    }

    /** Called when the applier's task for {@code partition} closes: this instance may no longer own it. */
    void forget(int partition) {
        partitions.remove(partition);
    }

    /** Statuses held for {@code partition} (for tests and metrics). */
    public int size(int partition) {
        Map<String, MessageStatus> statuses = partitions.get(partition);
        return statuses == null ? 0 : statuses.size();
    }
}

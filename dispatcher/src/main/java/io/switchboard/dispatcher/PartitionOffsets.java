package io.switchboard.dispatcher;

import java.util.OptionalLong;
import java.util.TreeSet;
import org.apache.kafka.common.TopicPartition;

/**
 * Tracks the records of one assigned partition that were handed out and not finished yet, and answers which offset
 * may be committed: the lowest unfinished offset, or one past the last handed-out offset when everything is done.
 * Records finish out of order (different keys run concurrently), but the committed offset only ever covers a
 * contiguous finished prefix, so a crash redelivers every unfinished record and never skips one.
 *
 * <p>It also knows whether the partition is still owned: once it is being released (revoked, lost, shutting down),
 * deliveries still queued or waiting (for a slot, a retry, a halt) are abandoned and left to the next owner, and only
 * Cloud API calls already under way are waited for ({@link #callsInFlight()}).
 */
public final class PartitionOffsets implements Ownership {

    private final TopicPartition partition;
    private final TreeSet<Long> unfinished = new TreeSet<>();
    private long nextOffset = -1;
    private long committed = -1;
    private volatile boolean owned = true;
    private volatile boolean draining;
    private final java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();

    public PartitionOffsets(TopicPartition partition) {
        this.partition = partition;
    }

    public TopicPartition partition() {
        return partition;
    }

    /** A record was handed out; offsets arrive in increasing order from the consumer. */
    public synchronized void started(long offset) {
        unfinished.add(offset);
        nextOffset = Math.max(nextOffset, offset + 1);
    }

    /** A record's outcome is in Kafka. */
    public synchronized void finished(long offset) {
        unfinished.remove(offset);
    }

    /** The offset to commit (the next record to read after a restart), if anything was handed out. */
    public synchronized OptionalLong committable() {
        if (nextOffset < 0) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(unfinished.isEmpty() ? nextOffset : unfinished.first());
    }

    /** The committable offset only if it moved since the last successful commit. */
    public synchronized OptionalLong committableIfAdvanced() {
        OptionalLong offset = committable();
        return offset.isPresent() && offset.getAsLong() > committed ? offset : OptionalLong.empty();
    }

    /** Records a successful commit of {@code offset}. */
    public synchronized void committed(long offset) {
        committed = Math.max(committed, offset);
    }

    public synchronized int inFlight() {
        return unfinished.size();
    }

    public boolean isOwned() {
        return owned;
    }

    /** The partition was revoked or lost: work not started yet must not start. */
    public void disown() {
        owned = false;
    }

    /** The partition is being released: no new work starts; calls under way finish. */
    public void drain() {
        draining = true;
    }

    @Override
    public boolean mayStart() {
        return owned && !draining;
    }

    @Override
    public void callStarted() {
        calls.incrementAndGet();
    }

    @Override
    public void callEnded() {
        calls.decrementAndGet();
    }

    /** Cloud API calls under way (or their outcomes being handled) for this partition's records. */
    public int callsInFlight() {
        return calls.get();
    }
}

package io.switchboard.dispatcher;

import io.switchboard.dispatcher.parking.ParkedReader;
import io.switchboard.dispatcher.validation.ConsumedCommand;
import io.switchboard.schemas.registry.SchemaRegistryException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer-side rules of {@link KeyOrderedDispatcher}, all run on its polling thread: pausing and resuming
 * partitions, committing finished prefixes, giving partitions back on rebalance, and undecodable records.
 *
 * <ul>
 *   <li>Backpressure: every assigned partition is paused while in-flight records reach {@code max-in-flight}, and
 *       a partition whose next record could not be decoded because the schema registry is down is paused for a
 *       second and read again, so a registry outage delays records but never skips them. A newly assigned
 *       partition stays paused until its parked messages are all known ({@link ParkedReader#isCaughtUp}).</li>
 *   <li>Any other undecodable value reaches the consumer as a {@code ConsumedCommand} and is rejected by
 *       {@link CommandGate}; what still arrives here otherwise (a key that does not decode) is logged, counted in
 *       {@code dispatcher.undecodable.records} and skipped.</li>
 *   <li>Revoked partitions: drain (nothing new starts), wait for calls under way (bounded), hand the rest back,
 *       commit synchronously what finished.
 *       Lost partitions: stop at once, commit nothing (the group has moved on).</li>
 * </ul>
 */
final class CommandPolling implements ConsumerRebalanceListener {

    private static final Logger LOG = LoggerFactory.getLogger(CommandPolling.class);
    private static final long REGISTRY_RETRY_NANOS = Duration.ofSeconds(1).toNanos();
    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(10);

    private final Consumer<String, ConsumedCommand> consumer;
    private final Map<TopicPartition, PartitionOffsets> partitions;
    private final ParkedReader parked;
    private final BiConsumer<Collection<PartitionOffsets>, Duration> awaitDrained;
    private final DispatcherMetrics metrics;
    private final int maxInFlight;
    private final Duration revokeTimeout;
    private final Map<TopicPartition, Long> blockedUntil = new ConcurrentHashMap<>();

    CommandPolling(Consumer<String, ConsumedCommand> consumer, Map<TopicPartition, PartitionOffsets> partitions,
            ParkedReader parked, BiConsumer<Collection<PartitionOffsets>, Duration> awaitDrained,
            DispatcherMetrics metrics, int maxInFlight, Duration revokeTimeout) {
        this.consumer = consumer;
        this.partitions = partitions;
        this.parked = parked;
        this.awaitDrained = awaitDrained;
        this.metrics = metrics;
        this.maxInFlight = Math.max(1, maxInFlight);
        this.revokeTimeout = revokeTimeout;
    }

    void applyBackpressure(int inFlight) {
        Set<TopicPartition> assignment = consumer.assignment();
        if (assignment.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        blockedUntil.entrySet().removeIf(e -> e.getValue() - now <= 0 || !assignment.contains(e.getKey()));
        boolean full = inFlight >= maxInFlight;
        Set<TopicPartition> paused = consumer.paused();
        Set<TopicPartition> pause = new HashSet<>();
        Set<TopicPartition> resume = new HashSet<>();
        for (TopicPartition partition : assignment) {
            boolean wanted = full || blockedUntil.containsKey(partition) || !parked.isCaughtUp(partition.partition());
            if (wanted && !paused.contains(partition)) {
                pause.add(partition);
            } else if (!wanted && paused.contains(partition)) {
                resume.add(partition);
            }
        }
        if (!pause.isEmpty()) {
            consumer.pause(pause);
        }
        if (!resume.isEmpty()) {
            consumer.resume(resume);
        }
    }

    void undecodable(RecordDeserializationException e) {
        TopicPartition partition = e.topicPartition();
        if (registryUnavailable(e)) {
            LOG.warn("Cannot decode {}@{} while the schema registry is unavailable; retrying: {}", partition,
                    e.offset(), e.getCause());
            consumer.seek(partition, e.offset());
            blockedUntil.put(partition, System.nanoTime() + REGISTRY_RETRY_NANOS);
            return;
        }
        LOG.error("Skipping undecodable record {}@{}: {}", partition, e.offset(), e.getCause() == null
                ? e.getMessage() : e.getCause().toString());
        metrics.undecodable();
        PartitionOffsets tracker = partitions.get(partition);
        if (tracker != null) {
            tracker.started(e.offset());
            tracker.finished(e.offset());
        }
        consumer.seek(partition, e.offset() + 1);
    }

    private static boolean registryUnavailable(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SchemaRegistryException registry
                    && (registry.httpStatus() < 0 || registry.httpStatus() >= 500)) {
                return true;
            }
        }
        return false;
    }

    void commitAsync(Collection<PartitionOffsets> trackers) {
        Map<TopicPartition, OffsetAndMetadata> offsets = committable(trackers);
        if (offsets.isEmpty()) {
            return;
        }
        Map<TopicPartition, PartitionOffsets> byPartition = new HashMap<>();
        trackers.forEach(t -> byPartition.put(t.partition(), t));
        consumer.commitAsync(offsets, (committed, error) -> {
            if (error == null) {
                committed.forEach((partition, offset) -> byPartition.get(partition).committed(offset.offset()));
            } else {
                LOG.warn("Committing offsets failed, the next commit will carry them: {}", error.toString());
            }
        });
    }

    private void commitSync(Collection<PartitionOffsets> trackers) {
        Map<TopicPartition, OffsetAndMetadata> offsets = committable(trackers);
        if (offsets.isEmpty()) {
            return;
        }
        for (int tries = 0; tries < 2; tries++) {
            try {
                consumer.commitSync(offsets, COMMIT_TIMEOUT);
                trackers.stream().filter(t -> offsets.containsKey(t.partition()))
                        .forEach(t -> t.committed(offsets.get(t.partition()).offset()));
                return;
            } catch (WakeupException e) {
                // close() woke the consumer up to stop the loop; this commit must still happen.
            } catch (RuntimeException e) {
                LOG.warn("Committing offsets of {} failed; their finished records will be redelivered: {}",
                        offsets.keySet(), e.toString());
                return;
            }
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> committable(Collection<PartitionOffsets> trackers) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (PartitionOffsets tracker : trackers) {
            tracker.committableIfAdvanced()
                    .ifPresent(offset -> offsets.put(tracker.partition(), new OffsetAndMetadata(offset)));
        }
        return offsets;
    }

    /** Gives partitions back: bounded wait for their work, then stop the rest, commit (when allowed) and forget them. */
    void release(Collection<TopicPartition> released, Duration wait, boolean commit) {
        List<PartitionOffsets> trackers = released.stream().map(partitions::get).filter(Objects::nonNull).toList();
        if (trackers.isEmpty()) {
            return;
        }
        List<PartitionOffsets> parkedTrackers = parked.trackersOf(released);
        trackers.forEach(PartitionOffsets::drain);
        parkedTrackers.forEach(PartitionOffsets::drain);
        List<PartitionOffsets> all = new java.util.ArrayList<>(trackers);
        all.addAll(parkedTrackers);
        awaitDrained.accept(all, wait);
        trackers.forEach(PartitionOffsets::disown);
        long calls = all.stream().mapToLong(PartitionOffsets::callsInFlight).sum();
        if (calls > 0) {
            // Calls still under way may be accepted by WhatsApp after the next owner sent the same record.
            metrics.possibleDuplicate("released_during_call", calls);
        }
        if (commit) {
            commitSync(trackers);
        }
        parked.release(released, commit);
        long unfinished = trackers.stream().mapToLong(PartitionOffsets::inFlight).sum();
        metrics.redeliveredInflight(unfinished);
        if (unfinished > 0) {
            LOG.warn("{} record(s) of {} were handed back unfinished (waiting for a slot, a retry or a halt, or still "
                    + "queued); the next owner processes them. {} had a Cloud API call still under way (possible "
                    + "duplicates)", unfinished, released, calls);
        }
        released.forEach(partition -> {
            partitions.remove(partition);
            blockedUntil.remove(partition);
        });
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
        assigned.forEach(partition -> partitions.put(partition, new PartitionOffsets(partition)));
        if (!assigned.isEmpty()) {
            LOG.info("Assigned {}", assigned);
            // Nothing is read before the parked messages of these partitions are known.
            consumer.pause(assigned);
            parked.assign(assigned);
        }
    }

    /** Records of these partitions not finished yet: log end less the first unfinished offset, summed. */
    long lag(Collection<PartitionOffsets> trackers) {
        long total = 0;
        for (PartitionOffsets tracker : trackers) {
            try {
                long position = consumer.position(tracker.partition(), Duration.ZERO);
                long end = position + consumer.currentLag(tracker.partition()).orElse(0);
                total += end - tracker.committable().orElse(position);
            } catch (RuntimeException e) {
                // Position not known yet (timeout) or the partition just moved.
            }
        }
        return total;
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
        // At close the loop has already released everything, so the consumer's own revocation finds nothing here.
        if (revoked.stream().anyMatch(partitions::containsKey)) {
            LOG.info("Revoked {}", revoked);
            release(revoked, revokeTimeout, true);
        }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> lost) {
        if (lost.stream().anyMatch(partitions::containsKey)) {
            LOG.warn("Lost {} without a clean revocation", lost);
            release(lost, Duration.ZERO, false);
        }
    }
}

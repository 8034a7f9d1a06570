package io.switchboard.dispatcher.parking;

import io.switchboard.dispatcher.PartitionOffsets;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.RetryCommand;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code send-commands-retry} for the send-commands consumer, on its polling thread: partition n of the retry
 * topic is assigned here exactly while partition n of send-commands is (same keys, same partition count, so a
 * conversation's fresh and parked messages are in one place), with a plain consumer and its own offsets (group
 * {@code <group-id>-parked}). A newly assigned send-commands partition is held back until its retry partition was
 * read to where it ended at assignment ({@link #isCaughtUp}): a restarted or new owner knows every parked message
 * before a later one of the same conversation could overtake it. Offsets are committed up to the first unfinished
 * parked record ({@link PartitionOffsets}), so a parked message survives any restart; one that finished behind it
 * is read again then, and its sent marker keeps it from being sent twice.
 */
public final class ParkedReader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ParkedReader.class);
    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(10);

    private final KafkaConsumer<String, RetryCommand> consumer;
    private final ParkedLanes lanes;
    private final Map<Integer, PartitionOffsets> trackers = new ConcurrentHashMap<>();
    private final Map<Integer, Long> endAtAssignment = new HashMap<>();
    private final Set<Integer> caughtUp = ConcurrentHashMap.newKeySet();
    private volatile long lag;

    public ParkedReader(Map<String, Object> kafka, String registryUrl, String groupId, ParkedLanes lanes) {
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId + "-parked");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "dispatcher-parked-" + java.util.UUID.randomUUID());
        this.consumer = new KafkaConsumer<>(config, Topics.SEND_COMMANDS_RETRY.keySerde().deserializer(),
                Topics.SEND_COMMANDS_RETRY.valueSerde(registryUrl).deserializer());
        this.lanes = lanes;
    }

    /** send-commands partitions were assigned: follow their retry partitions. */
    public void assign(Collection<TopicPartition> sendCommands) {
        Set<TopicPartition> added = new HashSet<>();
        for (TopicPartition hot : sendCommands) {
            TopicPartition retry = retryOf(hot.partition());
            trackers.put(hot.partition(), new PartitionOffsets(retry));
            lanes.assigned(hot.partition());
            caughtUp.remove(hot.partition());
            added.add(retry);
        }
        if (added.isEmpty()) {
            return;
        }
        Set<TopicPartition> assignment = new HashSet<>(consumer.assignment());
        assignment.addAll(added);
        consumer.assign(assignment);
        consumer.endOffsets(added).forEach((partition, end) -> endAtAssignment.put(partition.partition(), end));
    }

    /** Whether send-commands partition {@code partition} may be read: its parked messages are all known. */
    public boolean isCaughtUp(int partition) {
        return caughtUp.contains(partition);
    }

    /** The trackers of the retry partitions of these send-commands partitions (to drain and wait for). */
    public List<PartitionOffsets> trackersOf(Collection<TopicPartition> sendCommands) {
        return sendCommands.stream().map(p -> trackers.get(p.partition())).filter(t -> t != null).toList();
    }

    /** Reads what has arrived, without waiting; applies the seeks the lanes asked for. */
    public void poll() {
        if (consumer.assignment().isEmpty()) {
            return;
        }
        lanes.takeSeeks().forEach((partition, offset) -> consumer.seek(retryOf(partition), offset));
        try {
            for (ConsumerRecord<String, RetryCommand> record : consumer.poll(Duration.ZERO)) {
                PartitionOffsets tracker = trackers.get(record.partition());
                if (tracker != null) {
                    lanes.accept(record, tracker);
                }
            }
        } catch (RecordDeserializationException e) {
            LOG.error("Skipping undecodable parked record {}@{}: {}", e.topicPartition(), e.offset(),
                    String.valueOf(e.getCause()));
            PartitionOffsets tracker = trackers.get(e.topicPartition().partition());
            if (tracker != null) {
                tracker.started(e.offset());
                tracker.finished(e.offset());
            }
            consumer.seek(e.topicPartition(), e.offset() + 1);
        }
        checkCaughtUp();
    }

    private void checkCaughtUp() {
        endAtAssignment.entrySet().removeIf(entry -> {
            try {
                long read = Math.max(lanes.frontier(entry.getKey()),
                        consumer.position(retryOf(entry.getKey()), Duration.ZERO));
                if (read >= entry.getValue()) {
                    caughtUp.add(entry.getKey());
                    LOG.info("Parked messages of partition {} read to their end at assignment ({}): its fresh "
                            + "records may flow", entry.getKey(), entry.getValue());
                    return true;
                }
            } catch (TimeoutException e) {
                // Its committed offset is not fetched yet: look again at the next poll.
            }
            return false;
        });
    }

    public void commitAsync() {
        Map<TopicPartition, OffsetAndMetadata> offsets = committable(trackers.values());
        if (!offsets.isEmpty()) {
            consumer.commitAsync(offsets, (done, failure) -> {
                if (failure == null) {
                    done.forEach((p, o) -> {
                        PartitionOffsets tracker = trackers.get(p.partition());
                        if (tracker != null) {
                            tracker.committed(o.offset());
                        }
                    });
                } else {
                    LOG.warn("Committing parked offsets failed, the next commit carries them: {}", failure.toString());
                }
            });
        }
        lag = computeLag();
    }

    /** Gives the retry partitions of these send-commands partitions up, committing what finished when allowed. */
    public void release(Collection<TopicPartition> sendCommands, boolean commit) {
        List<PartitionOffsets> released = trackersOf(sendCommands);
        released.forEach(PartitionOffsets::disown);
        if (commit && !released.isEmpty()) {
            try {
                consumer.commitSync(committable(released), COMMIT_TIMEOUT);
            } catch (RuntimeException e) {
                LOG.warn("Committing parked offsets of {} failed; their finished records are read again: {}",
                        sendCommands, e.toString());
            }
        }
        Set<Integer> numbers = new HashSet<>();
        sendCommands.forEach(p -> numbers.add(p.partition()));
        lanes.release(numbers);
        numbers.forEach(n -> {
            trackers.remove(n);
            endAtAssignment.remove(n);
            caughtUp.remove(n);
        });
        Set<TopicPartition> assignment = new HashSet<>(consumer.assignment());
        numbers.forEach(n -> assignment.remove(retryOf(n)));
        consumer.assign(assignment);
    }

    private static Map<TopicPartition, OffsetAndMetadata> committable(Collection<PartitionOffsets> trackers) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        trackers.forEach(t -> t.committableIfAdvanced()
                .ifPresent(offset -> offsets.put(t.partition(), new OffsetAndMetadata(offset))));
        return offsets;
    }

    /** Records of the owned retry partitions not finished yet: unread, or read and still parked. */
    private long computeLag() {
        long total = 0;
        for (PartitionOffsets tracker : trackers.values()) {
            try {
                long position = consumer.position(tracker.partition(), Duration.ZERO);
                long end = position + consumer.currentLag(tracker.partition()).orElse(0);
                total += end - tracker.committable().orElse(position);
            } catch (TimeoutException | IllegalStateException e) {
                // Not known yet.
            }
        }
        return total;
    }

    /** The last computed lag of send-commands-retry (read by the gauge, any thread). */
    public long lag() {
        return lag;
    }

    private static TopicPartition retryOf(int partition) {
        return new TopicPartition(Topics.SEND_COMMANDS_RETRY.name(), partition);
    }

    @Override
    public void close() {
        try {
            consumer.close(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            LOG.warn("Closing the parked consumer failed: {}", e.toString());
        }
    }
}

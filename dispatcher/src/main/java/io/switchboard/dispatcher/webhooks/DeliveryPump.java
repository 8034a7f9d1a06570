package io.switchboard.dispatcher.webhooks;

import io.switchboard.dispatcher.PartitionOffsets;
import io.switchboard.infrastructure.kafka.ConsumerLag;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.WebhookDelivery;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer loop of delivery: one consumer reads {@code webhook-deliveries} and {@code webhook-retries} with the
 * range assignor, so partition n of both (same keys, same partition count) always belong to the same instance and a
 * lane's fresh and parked events are in one place. A newly assigned webhook-deliveries partition stays paused until
 * its webhook-retries partition was read to where it ended at assignment: a restarted instance knows every parked
 * event before a later event of the same lane could overtake it. Offsets are committed per partition up to the first
 * unfinished record ({@link PartitionOffsets}), so a parked event pending retry survives any restart.
 */
final class DeliveryPump implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryPump.class);

    private final KafkaConsumer<String, WebhookDelivery> consumer;
    private final DeliveryLanes lanes;
    private final Map<TopicPartition, PartitionOffsets> offsets = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Long> retriesEndAtAssignment = new HashMap<>();
    private final int maxPending;
    private final ConsumerLag lag;
    private boolean backpressure;
    private final Thread thread;
    private volatile boolean running = true;

    DeliveryPump(Map<String, Object> kafka, String registryUrl, WebhookProperties properties, DeliveryLanes lanes,
                 io.micrometer.core.instrument.MeterRegistry meters) {
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, properties.getGroupId());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, RangeAssignor.class.getName());
        Deserializer<WebhookDelivery> values = Topics.WEBHOOK_DELIVERIES.valueSerde(registryUrl).deserializer();
        this.consumer = new KafkaConsumer<>(config, Topics.WEBHOOK_DELIVERIES.keySerde().deserializer(), values);
        this.lanes = lanes;
        this.maxPending = properties.getMaxPending();
        this.lag = new ConsumerLag(meters, "webhooks.consumer.lag", properties.getGroupId(),
                List.of(Topics.WEBHOOK_DELIVERIES.name(), Topics.WEBHOOK_RETRIES.name()));
        this.thread = new Thread(this::run, "webhooks-delivery");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        try {
            consumer.subscribe(List.of(Topics.WEBHOOK_DELIVERIES.name(), Topics.WEBHOOK_RETRIES.name()),
                    new Rebalance());
            while (running) {
                for (ConsumerRecord<String, WebhookDelivery> record : consumer.poll(Duration.ofMillis(100))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    PartitionOffsets tracker = offsets.computeIfAbsent(partition, PartitionOffsets::new);
                    tracker.started(record.offset());
                    if (record.value() == null) {
                        tracker.finished(record.offset());
                        continue;
                    }
                    lanes.accept(record.value(), record.topic().equals(Topics.WEBHOOK_RETRIES.name()), tracker,
                            record.offset());
                }
                lag.measure(consumer);
                resumeCaughtUp();
                applyBackpressure();
                commit(false);
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("Customer-webhook delivery loop stopped", e);
        } finally {
            try {
                commit(true);
            } catch (RuntimeException e) {
                LOG.warn("Final webhook offset commit failed: {}", e.toString());
            }
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void resumeCaughtUp() {
        retriesEndAtAssignment.entrySet().removeIf(entry -> {
            if (consumer.position(entry.getKey()) < entry.getValue()) {
                return false;
            }
            if (!backpressure) {
                consumer.resume(List.of(hotOf(entry.getKey())));
            }
            return true;
        });
    }

    /** Above max-pending events in memory every partition pauses; below half of it they resume. */
    private void applyBackpressure() {
        int pending = lanes.pending();
        if (!backpressure && pending > maxPending) {
            backpressure = true;
            consumer.pause(consumer.assignment());
            LOG.warn("{} webhook events pending in memory: pausing all partitions", pending);
        } else if (backpressure && pending < maxPending / 2) {
            backpressure = false;
            consumer.resume(consumer.assignment().stream().filter(p -> !waitsForRetries(p)).toList());
        }
    }

    private boolean waitsForRetries(TopicPartition partition) {
        return partition.topic().equals(Topics.WEBHOOK_DELIVERIES.name()) && retriesEndAtAssignment
                .containsKey(new TopicPartition(Topics.WEBHOOK_RETRIES.name(), partition.partition()));
    }

    private void commit(boolean sync) {
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        offsets.forEach((partition, tracker) -> tracker.committableIfAdvanced()
                .ifPresent(offset -> commit.put(partition, new OffsetAndMetadata(offset))));
        if (commit.isEmpty()) {
            return;
        }
        if (sync) {
            consumer.commitSync(commit);
            commit.forEach((p, o) -> offsets.get(p).committed(o.offset()));
        } else {
            consumer.commitAsync(commit, (done, failure) -> {
                if (failure == null) {
                    done.forEach((p, o) -> {
                        PartitionOffsets tracker = offsets.get(p);
                        if (tracker != null) {
                            tracker.committed(o.offset());
                        }
                    });
                }
            });
        }
    }

    private static TopicPartition hotOf(TopicPartition retries) {
        return new TopicPartition(Topics.WEBHOOK_DELIVERIES.name(), retries.partition());
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            try {
                commit(true);
            } catch (RuntimeException e) {
                LOG.warn("Commit on revocation failed: {}", e.toString());
            }
            release(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            release(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            List<TopicPartition> retries = partitions.stream()
                    .filter(p -> p.topic().equals(Topics.WEBHOOK_RETRIES.name())).toList();
            consumer.endOffsets(retries).forEach(retriesEndAtAssignment::put);
            consumer.pause(backpressure ? partitions
                    : retries.stream().map(DeliveryPump::hotOf).filter(partitions::contains).toList());
        }

        private void release(Collection<TopicPartition> partitions) {
            partitions.forEach(p -> {
                PartitionOffsets tracker = offsets.remove(p);
                if (tracker != null) {
                    tracker.disown();
                }
                retriesEndAtAssignment.remove(p);
            });
            lanes.release(partitions);
        }
    }

    /** False once the loop stopped on an error (or was closed). */
    boolean isAlive() {
        return thread.isAlive();
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(15_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

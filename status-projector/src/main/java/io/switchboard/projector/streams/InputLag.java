package io.switchboard.projector.streams;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code projector_consumer_lag{topic}}: how many records of each topic the projector reads (its inputs and its own
 * repartition topics, named without the application id) the whole deployment has not committed yet, summed over
 * the partitions; every instance reports the same group-wide figure. Measured every {@code lag-interval} on a thread
 * of its own with one offsets request of the group and one of the topics' ends; a measurement that fails keeps the
 * last figures (and is logged once until one succeeds again). With exactly-once, offsets are committed every
 * {@code commit-interval}, so a caught-up projector shows a lag of up to one commit interval's records.
 */
final class InputLag implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InputLag.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Admin admin;
    private final String groupId;
    private final Map<String, String> labels = new HashMap<>();
    private final Map<String, AtomicLong> lags = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "projector-lag");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean failing;

    /** @param topics the topics to measure; repartition topics are labelled without {@code groupId}'s prefix */
    InputLag(Admin admin, String groupId, List<String> topics, MeterRegistry meters) {
        this.admin = admin;
        this.groupId = groupId;
        for (String topic : topics) {
            String label = topic.startsWith(groupId + "-") ? topic.substring(groupId.length() + 1) : topic;
            labels.put(topic, label);
            AtomicLong lag = new AtomicLong();
            lags.put(topic, lag);
            Gauge.builder("projector.consumer.lag", lag, AtomicLong::get).tag("topic", label)
                    .description("Records of the topic the projector has not committed yet").register(meters);
        }
    }

    void start(Duration interval) {
        timer.scheduleWithFixedDelay(this::measure, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void measure() {
        try {
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            admin.describeTopics(lags.keySet()).topicNameValues().forEach((name, described) -> {
                TopicDescription topic = describedOrNull(described);
                if (topic != null) {
                    topic.partitions().forEach(p -> ends.put(new TopicPartition(name, p.partition()),
                            OffsetSpec.latest()));
                }
            });
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end = admin.listOffsets(ends).all()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Map<String, Long> sums = new HashMap<>();
            lags.keySet().forEach(topic -> sums.put(topic, 0L));
            end.forEach((partition, info) -> {
                OffsetAndMetadata done = committed.get(partition);
                long behind = Math.max(0, info.offset() - (done == null ? 0 : done.offset()));
                sums.merge(partition.topic(), behind, Long::sum);
            });
            sums.forEach((topic, lag) -> lags.get(topic).set(lag));
            failing = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            if (!failing) {
                LOG.warn("Could not measure the projector's consumer lag (keeping the last figures): {}", e.toString());
            }
            failing = true;
        }
    }

    /** A topic Streams has not created yet (its repartition topics, at the first start) is left out. */
    private static TopicDescription describedOrNull(KafkaFuture<TopicDescription> described) {
        try {
            return described.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException | TimeoutException e) {
            return null;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        admin.close(TIMEOUT);
    }
}

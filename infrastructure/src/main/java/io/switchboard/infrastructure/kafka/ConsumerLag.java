package io.switchboard.infrastructure.kafka;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * A consumer-lag gauge per topic, tagged {@code group} and {@code topic}: how many records of each topic this
 * instance's consumer of one group is behind the end of the partitions it owns, summed. Measured on the consumer's own thread (a consumer is not
 * thread-safe) from what its last fetches learnt of the end offsets ({@code currentLag}, no request to the broker), at
 * most once a second; a partition whose position is not known yet is left out.
 */
public final class ConsumerLag {

    private static final long INTERVAL_MILLIS = 1_000;

    private final Map<String, AtomicLong> byTopic = new ConcurrentHashMap<>();
    private long measuredAt;

    /** Registers {@code name} (e.g. {@code webhooks.consumer.lag}) once per topic. */
    public ConsumerLag(MeterRegistry meters, String name, String group, List<String> topics) {
        for (String topic : topics) {
            AtomicLong lag = new AtomicLong();
            byTopic.put(topic, lag);
            Gauge.builder(name, lag, AtomicLong::get).tag("group", group).tag("topic", topic)
                    .description("Records behind the end of the partitions this instance reads").register(meters);
        }
    }

    /** Measures again if a second has passed; call it from the consumer's poll loop. */
    public void measure(Consumer<?, ?> consumer) {
        long now = System.currentTimeMillis();
        if (now - measuredAt < INTERVAL_MILLIS) {
            return;
        }
        measuredAt = now;
        Map<String, Long> sums = new ConcurrentHashMap<>();
        byTopic.keySet().forEach(topic -> sums.put(topic, 0L));
        for (TopicPartition partition : consumer.assignment()) {
            OptionalLong lag = consumer.currentLag(partition);
            if (lag.isPresent() && sums.containsKey(partition.topic())) {
                sums.merge(partition.topic(), lag.getAsLong(), Long::sum);
            }
        }
        sums.forEach((topic, lag) -> byTopic.get(topic).set(lag));
    }
}

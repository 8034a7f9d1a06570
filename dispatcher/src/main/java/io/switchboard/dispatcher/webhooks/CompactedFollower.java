package io.switchboard.dispatcher.webhooks;

import io.switchboard.schemas.Topic;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A compacted topic followed into memory (latest value per key, tombstones remove) on its own thread, from the
 * beginning and for as long as the dispatcher runs, without a consumer group. Ready once read to where the topic
 * ended at start, so "absent" then means absent, not unread.
 */
final class CompactedFollower<V extends SpecificRecord> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CompactedFollower.class);

    private final Topic<V> topic;
    private final KafkaConsumer<String, V> consumer;
    private final Map<String, V> values = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final Thread thread;
    private volatile boolean running = true;

    CompactedFollower(Topic<V> topic, Map<String, Object> kafka, String registryUrl) {
        this.topic = topic;
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "webhooks-" + topic.name() + "-" + UUID.randomUUID());
        this.consumer = new KafkaConsumer<>(config, topic.keySerde().deserializer(),
                topic.valueSerde(registryUrl).deserializer());
        this.thread = new Thread(this::run, "webhooks-follow-" + topic.name());
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    CompletableFuture<Void> ready() {
        return ready;
    }

    V get(String key) {
        return values.get(key);
    }

    List<V> all() {
        return List.copyOf(values.values());
    }

    /** A live view, for scans that should not copy the table on every event. */
    java.util.Collection<V> values() {
        return java.util.Collections.unmodifiableCollection(values.values());
    }

    boolean isAlive() {
        return thread.isAlive();
    }

    private void run() {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (running) {
                for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() == null) {
                        values.remove(record.key());
                    } else {
                        values.put(record.key(), record.value());
                    }
                }
                if (!ready.isDone() && end.entrySet().stream()
                        .allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    ready.complete(null);
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("Following {} stopped", topic.name(), e);
            ready.completeExceptionally(e);
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

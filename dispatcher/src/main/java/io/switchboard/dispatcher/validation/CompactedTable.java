package io.switchboard.dispatcher.validation;

import io.switchboard.schemas.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A compacted topic as an in-memory table (key to latest value; a tombstone removes), read from the beginning by its
 * own thread without a consumer group and followed for as long as the dispatcher runs. {@link #ready()} completes
 * once everything that existed at start is read: before that an absent key may merely be unread, so callers wait
 * rather than decide. Later, a record written a moment ago may still be unread too: {@link #caughtUp()} completes
 * once the table has read everything the topic held when it was asked, so a caller can look again before it decides
 * that a key is absent. An undecodable record is skipped; a failing read is retried every second.
 */
public class CompactedTable<V extends SpecificRecord> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CompactedTable.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final Topic<V> topic;
    private final Map<String, V> values = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final Map<String, Object> config;
    private final String registryUrl;
    private final Thread thread;
    /** Asked for by {@link #caughtUp()}, taken by the reader thread. */
    private final Queue<CompletableFuture<Void>> catchUpRequests = new ConcurrentLinkedQueue<>();
    /** Requests the reader thread is serving, with the end offsets they wait for (reader thread only). */
    private final List<CatchUp> catchingUp = new ArrayList<>();
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, V> consumer;

    public CompactedTable(Topic<V> topic, Map<String, Object> kafkaConfig, String registryUrl) {
        this.topic = topic;
        this.config = new HashMap<>(kafkaConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "dispatcher-" + topic.name() + "-reader");
        this.registryUrl = registryUrl;
        this.thread = new Thread(this::run, "dispatcher-" + topic.name());
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Completes once the table holds every account that existed when it started. */
    public CompletableFuture<Void> ready() {
        return ready;
    }

    /** Completes once the table has read every record the topic holds now (not only those at start). */
    public CompletableFuture<Void> caughtUp() {
        CompletableFuture<Void> request = new CompletableFuture<>();
        catchUpRequests.add(request);
        return request;
    }

    /** The latest value of {@code key}, or null when the table holds none. */
    public V get(String key) {
        return key == null ? null : values.get(key);
    }

    /** A live view of every value, for scans. */
    public java.util.Collection<V> values() {
        return java.util.Collections.unmodifiableCollection(values.values());
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, V> kafka = new KafkaConsumer<>(config,
                    topic.keySerde().deserializer(), topic.valueSerde(registryUrl).deserializer())) {
                consumer = kafka;
                follow(kafka);
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warn("Reading {} failed, retrying in 1 s: {}", topic.name(), e.toString());
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void follow(KafkaConsumer<String, V> kafka) {
        List<TopicPartition> partitions = kafka.partitionsFor(topic.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        if (partitions.isEmpty()) {
            throw new IllegalStateException("topic " + topic.name() + " has no partitions yet");
        }
        kafka.assign(partitions);
        kafka.seekToBeginning(partitions);
        Map<TopicPartition, Long> endAtStart = kafka.endOffsets(partitions);
        while (running) {
            try {
                for (ConsumerRecord<String, V> record : kafka.poll(POLL)) {
                    if (record.key() == null) {
                        continue;
                    }
                    if (record.value() == null) {
                        values.remove(record.key());
                    } else {
                        values.put(record.key(), record.value());
                    }
                }
            } catch (RecordDeserializationException e) {
                LOG.error("Skipping undecodable record {}@{}", e.topicPartition(), e.offset(), e);
                kafka.seek(e.topicPartition(), e.offset() + 1);
            }
            if (!ready.isDone() && reached(kafka, endAtStart)) {
                LOG.info("Read {} record(s) from {}", values.size(), topic.name());
                ready.complete(null);
            }
            serveCatchUps(kafka, partitions);
        }
    }

    /** Takes new catch-up requests (their targets are the end offsets now) and completes those that are reached. */
    private void serveCatchUps(KafkaConsumer<String, V> kafka, List<TopicPartition> partitions) {
        List<CompletableFuture<Void>> fresh = new ArrayList<>();
        for (CompletableFuture<Void> request; (request = catchUpRequests.poll()) != null; ) {
            fresh.add(request);
        }
        if (!fresh.isEmpty()) {
            Map<TopicPartition, Long> ends = kafka.endOffsets(partitions);
            fresh.forEach(request -> catchingUp.add(new CatchUp(request, ends)));
        }
        catchingUp.removeIf(catchUp -> {
            if (reached(kafka, catchUp.ends())) {
                catchUp.request().complete(null);
                return true;
            }
            return false;
        });
    }

    private static boolean reached(KafkaConsumer<String, ?> kafka, Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(end -> kafka.position(end.getKey()) >= end.getValue());
    }

    private record CatchUp(CompletableFuture<Void> request, Map<TopicPartition, Long> ends) {
    }

    @Override
    public void close() {
        running = false;
        KafkaConsumer<String, V> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

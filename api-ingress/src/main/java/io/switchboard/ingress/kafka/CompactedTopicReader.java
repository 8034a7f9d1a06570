package io.switchboard.ingress.kafka;

import io.switchboard.schemas.Topic;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a compacted configuration topic from the beginning on its own thread and keeps following it, handing every
 * record (null value = tombstone) to a callback. No consumer group: every instance reads every partition, so each one
 * holds the whole table. {@link #caughtUp()} completes once everything that existed at start has been applied;
 * until then the table is incomplete and callers must not trust a "not found".
 *
 * <p>A record that cannot be deserialized is logged and skipped: one bad record must not stop all authentication.
 */
public final class CompactedTopicReader<V> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CompactedTopicReader.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final Topic<?> topic;
    private final Properties config;
    private final Deserializer<V> valueDeserializer;
    private final BiConsumer<String, V> onRecord;
    private final CompletableFuture<Void> caughtUp = new CompletableFuture<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, V> consumer;

    public CompactedTopicReader(Topic<?> topic, Map<String, Object> kafkaConfig, Deserializer<V> valueDeserializer,
                                BiConsumer<String, V> onRecord) {
        this.topic = topic;
        this.valueDeserializer = valueDeserializer;
        this.onRecord = onRecord;
        this.config = new Properties();
        config.putAll(kafkaConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "api-ingress-" + topic.name() + "-reader");
        this.thread = new Thread(this::run, "reader-" + topic.name());
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    public CompletableFuture<Void> caughtUp() {
        return caughtUp;
    }

    public boolean isCaughtUp() {
        return caughtUp.isDone();
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, V> kafka = new KafkaConsumer<>(config, new StringDeserializer(),
                    valueDeserializer)) {
                consumer = kafka;
                follow(kafka);
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warn("Reading {} failed, retrying in {}: {}", topic.name(), RETRY, e.toString());
                pause();
            }
        }
    }

    private void follow(KafkaConsumer<String, V> kafka) {
        List<TopicPartition> partitions = kafka.partitionsFor(topic.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        if (partitions.isEmpty()) {
            throw new IllegalStateException("topic " + topic.name() + " has no partitions yet");
        }
        kafka.assign(partitions);
        kafka.seekToBeginning(partitions);
        Map<TopicPartition, Long> endAtStart = new HashMap<>(kafka.endOffsets(partitions));
        while (running) {
            try {
                for (ConsumerRecord<String, V> record : kafka.poll(POLL)) {
                    apply(record);
                }
            } catch (RecordDeserializationException e) {
                LOG.error("Skipping undecodable record {}@{} of {}", e.topicPartition(), e.offset(), topic.name(), e);
                kafka.seek(e.topicPartition(), e.offset() + 1);
            }
            if (!caughtUp.isDone() && endAtStart.entrySet().stream()
                    .allMatch(end -> kafka.position(end.getKey()) >= end.getValue())) {
                LOG.info("Caught up with {} ({} partition(s))", topic.name(), partitions.size());
                caughtUp.complete(null);
            }
        }
    }

    private void apply(ConsumerRecord<String, V> record) {
        if (record.key() == null) {
            return;
        }
        try {
            onRecord.accept(record.key(), record.value());
        } catch (RuntimeException e) {
            LOG.error("Could not apply record {}-{}@{}", topic.name(), record.partition(), record.offset(), e);
        }
    }

    private void pause() {
        try {
            long until = System.nanoTime() + RETRY.toNanos();
            while (running && System.nanoTime() < until) {
                TimeUnit.MILLISECONDS.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        KafkaConsumer<String, V> current = consumer;
        if (current != null) {
            // wakeup, not interrupt: an interrupted consumer cannot close its fetcher cleanly.
            current.wakeup();
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

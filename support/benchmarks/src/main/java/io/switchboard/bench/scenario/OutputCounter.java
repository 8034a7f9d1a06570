package io.switchboard.bench.scenario;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Counts what a service writes to a topic from now on (read_committed, so only what an exactly-once writer committed),
 * on a thread of its own, with the time of the last record seen: how fast the service's output arrives.
 */
public final class OutputCounter implements AutoCloseable {

    private final AtomicLong count = new AtomicLong();
    private final AtomicLong lastNanos = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    public OutputCounter(String bootstrap, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p);
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve "end" now, before the load starts
        thread = new Thread(() -> {
            try (consumer) {
                while (running.get()) {
                    int n = consumer.poll(Duration.ofMillis(100)).count();
                    if (n > 0) {
                        count.addAndGet(n);
                        lastNanos.set(System.nanoTime());
                    }
                }
            }
        }, "bench-output-counter");
        thread.setDaemon(true);
        thread.start();
    }

    public long count() {
        return count.get();
    }

    public long lastNanos() {
        return lastNanos.get();
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(5_000);
    }
}

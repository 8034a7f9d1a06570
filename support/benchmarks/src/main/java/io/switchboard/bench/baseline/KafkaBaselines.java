package io.switchboard.bench.baseline;

import io.switchboard.bench.core.Stats;
import io.switchboard.bench.core.Summary;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Ceilings of the broker in the same run: a plain {@code KafkaProducer} (acks=all, idempotent, linger 1 ms as the
 * services') sending records of the size the service writes, as fast as the producer takes them, to a scratch topic
 * with the partition count of the real ones; and a plain {@code KafkaConsumer} reading them back. The scratch topic
 * belongs to the benchmark, not to Switchboard, so it is not in the topic catalogue.
 */
public final class KafkaBaselines {

    private KafkaBaselines() {
    }

    /** Creates a fresh scratch topic and returns its name. */
    public static String scratchTopic(String bootstrap, int partitions) throws Exception {
        String name = "bench-baseline-" + UUID.randomUUID().toString().substring(0, 8);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
        }
        return name;
    }

    public static void deleteTopic(String bootstrap, String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.deleteTopics(List.of(topic)).all().get();
        } catch (Exception e) {
            // a scratch topic left behind costs nothing but disk
        }
    }

    /** Produces {@code recordBytes}-byte records for {@code duration}; per-record latency is send to ack. */
    public static Summary produce(String bootstrap, String topic, int recordBytes, Duration duration) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        Stats stats = new Stats("baseline kafka producer acks=all, " + recordBytes + " B records");
        byte[] value = new byte[recordBytes];
        Semaphore window = new Semaphore(5_000);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p)) {
            producer.send(new ProducerRecord<>(topic, "warm", value)).get();
            stats.reset();
            long end = System.nanoTime() + duration.toNanos();
            long i = 0;
            while (System.nanoTime() < end) {
                window.acquireUninterruptibly();
                long start = System.nanoTime();
                producer.send(new ProducerRecord<>(topic, "k" + (i++ % 100_000), value), (meta, error) -> {
                    window.release();
                    if (error != null) {
                        stats.error(error.getClass().getSimpleName());
                    } else {
                        stats.success(System.nanoTime() - start);
                    }
                });
            }
            producer.flush();
        } catch (Exception e) {
            stats.error(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        return stats.summary(duration.toMillis() / 1000.0);
    }

    /** Reads the topic from the beginning until {@code expected} records or 5 s without any; records a second. */
    public static Summary consume(String bootstrap, String topic, long expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-baseline-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        long count = 0;
        long first = 0;
        long last = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(topic));
            long idleSince = System.nanoTime();
            while (count < expected && System.nanoTime() - idleSince < 5_000_000_000L) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
                if (!records.isEmpty()) {
                    if (count == 0) {
                        first = System.nanoTime();
                    }
                    count += records.count();
                    last = System.nanoTime();
                    idleSince = last;
                }
            }
        }
        return Summary.throughput("baseline kafka consumer (plain, from the beginning)", count,
                Math.max(1e-3, (last - first) / 1e9));
    }
}

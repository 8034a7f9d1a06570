package io.switchboard.webhook;

import io.switchboard.schemas.Topic;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads topics with the catalogue's serdes, without a consumer group (partitions are assigned, nothing is committed),
 * so it disturbs nothing. The first read starts at the beginning; each later read continues where the last one ended.
 */
final class TopicReader implements AutoCloseable {

    /** One record as read: its topic, key and decoded value. */
    record Received(String topic, String key, SpecificRecord value) {
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, Deserializer<? extends SpecificRecord>> values = new HashMap<>();
    private final List<TopicPartition> partitions = new ArrayList<>();

    TopicReader(String bootstrapServers, String registryUrl, Collection<Topic<?>> topics) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        for (Topic<?> topic : topics) {
            values.put(topic.name(), topic.valueSerde(registryUrl).deserializer());
            consumer.partitionsFor(topic.name(), Duration.ofSeconds(30))
                    .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Every record written so far: up to the end offsets as they are now. */
    List<Received> readToEnd() {
        return read(Duration.ZERO);
    }

    /** Every record written so far and during the next {@code window}, for records that would arrive late. */
    List<Received> readFor(Duration window) {
        return read(window);
    }

    private List<Received> read(Duration window) {
        Instant until = Instant.now().plus(window);
        Instant giveUp = until.plusSeconds(30);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        List<Received> received = new ArrayList<>();
        while (Instant.now().isBefore(until) || !reached(end)) {
            if (Instant.now().isAfter(giveUp)) {
                throw new AssertionError("could not read to the end of " + end);
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                SpecificRecord value = values.get(record.topic()).deserialize(record.topic(), record.value());
                received.add(new Received(record.topic(), record.key(), value));
            }
        }
        return received;
    }

    private boolean reached(Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}

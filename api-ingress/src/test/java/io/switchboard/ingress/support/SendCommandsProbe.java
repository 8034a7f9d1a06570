package io.switchboard.ingress.support;

import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.SendCommand;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads send-commands from the position it had when created (no consumer group), decoding with the catalogue's serde,
 * so a test sees exactly the records written after it started.
 */
public final class SendCommandsProbe implements AutoCloseable {

    private final KafkaConsumer<String, SendCommand> consumer;
    private final List<ConsumerRecord<String, SendCommand>> seen = new CopyOnWriteArrayList<>();

    public SendCommandsProbe() {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafka().bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer = new KafkaConsumer<>(props, Topics.SEND_COMMANDS.keySerde().deserializer(),
                Topics.SEND_COMMANDS.valueSerde(TestInfrastructure.registryUrl()).deserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.SEND_COMMANDS.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
    }

    /** Polls once and returns everything seen so far. */
    public List<ConsumerRecord<String, SendCommand>> poll() {
        consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        return List.copyOf(seen);
    }

    /** Polls once; the record of that message id, or null. */
    public ConsumerRecord<String, SendCommand> find(String messageId) {
        return poll().stream().filter(r -> r.value().getMessageId().equals(messageId)).findFirst().orElse(null);
    }

    @Override
    public void close() {
        consumer.close();
    }
}

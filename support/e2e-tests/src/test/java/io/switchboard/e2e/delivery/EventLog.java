package io.switchboard.e2e.delivery;

import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.DeadLetter;
import io.switchboard.schemas.avro.MessageEvent;
import io.switchboard.schemas.avro.MessageEventType;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * What the dispatchers published, read back from Kafka on a background thread: every {@code message-events} event
 * per message id, and every dead letter. A message is <em>terminal</em> once it has a SENT, FAILED or EXPIRED event.
 */
final class EventLog implements AutoCloseable {

    private static final Set<MessageEventType> TERMINAL =
            EnumSet.of(MessageEventType.SENT, MessageEventType.FAILED, MessageEventType.EXPIRED);

    private final KafkaConsumer<String, byte[]> consumer;
    private final Deserializer<MessageEvent> events;
    private final Deserializer<DeadLetter> deadLetters;
    private final Map<String, List<MessageEvent>> byMessage = new ConcurrentHashMap<>();
    private final Map<String, DeadLetter> deadLettersByMessage = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    EventLog(String bootstrapServers, String registryUrl) {
        this.events = Topics.MESSAGE_EVENTS.valueSerde(registryUrl).deserializer();
        this.deadLetters = Topics.SEND_COMMANDS_DLQ.valueSerde(registryUrl).deserializer();
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "e2e-event-log-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                Topics.MESSAGE_EVENTS.keySerde().deserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer());
        List<TopicPartition> partitions = new java.util.ArrayList<>();
        for (String topic : List.of(Topics.MESSAGE_EVENTS.name(), Topics.SEND_COMMANDS_DLQ.name())) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread = new Thread(this::run, "e2e-event-log");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    if (record.topic().equals(Topics.MESSAGE_EVENTS.name())) {
                        MessageEvent event = events.deserialize(record.topic(), record.value());
                        byMessage.computeIfAbsent(event.getMessageId(), id -> new CopyOnWriteArrayList<>()).add(event);
                    } else {
                        DeadLetter letter = deadLetters.deserialize(record.topic(), record.value());
                        deadLettersByMessage.put(letter.getCommand().getMessageId(), letter);
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    List<MessageEvent> of(String messageId) {
        return List.copyOf(byMessage.getOrDefault(messageId, List.of()));
    }

    boolean has(String messageId, MessageEventType type) {
        return of(messageId).stream().anyMatch(e -> e.getType() == type);
    }

    /** The first terminal event of the message, or null. */
    MessageEvent terminal(String messageId) {
        return of(messageId).stream().filter(e -> TERMINAL.contains(e.getType())).findFirst().orElse(null);
    }

    long terminalCount(Collection<String> messageIds) {
        return messageIds.stream().filter(id -> terminal(id) != null).count();
    }

    DeadLetter deadLetter(String messageId) {
        return deadLettersByMessage.get(messageId);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(5_000);
    }
}

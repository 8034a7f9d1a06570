package io.switchboard.examples;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows what happens to messages and what customers write, with kafka-clients, Apache Avro and the JDK HTTP
 * client only: consumes {@code message-status} (key messageId; every change of a message's status, with its
 * timeline and error) and {@code inbound-messages} (key {@code phoneNumberId:sender}) as raw bytes, and decodes each
 * value with the schema its id names ({@link ConfluentWireFormat#decode}), so records written with older or newer
 * schema versions decode too. Read fields by name ({@code record.get("status")}); Avro strings arrive as
 * {@code Utf8}, so call {@code toString()}. Offsets are committed after a batch is handled (at-least-once: after a
 * crash a status may be seen again; statuses only move forward, so that is harmless).
 * Run: {@code java io.switchboard.examples.ExampleStatusConsumer <bootstrap> <registry-url> <group-id>}.
 */
public final class ExampleStatusConsumer implements AutoCloseable {

    private final RegistryClient registry;
    private final KafkaConsumer<String, byte[]> consumer;

    public ExampleStatusConsumer(String bootstrapServers, String registryUrl, String groupId) {
        this(bootstrapServers, registryUrl, groupId,
                List.of(SwitchboardTopics.MESSAGE_STATUS, SwitchboardTopics.INBOUND_MESSAGES));
    }

    /** The same on other Switchboard topics, e.g. rejected-commands. */
    public ExampleStatusConsumer(String bootstrapServers, String registryUrl, String groupId, List<String> topics) {
        this.registry = new RegistryClient(registryUrl);
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, groupId,
                // A new group starts with what the topics still hold; message-status is compacted, so that is the
                // latest status of every message.
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(topics);
    }

    /** The next records, decoded; a null value is a tombstone. */
    public List<ConsumerRecord<String, GenericRecord>> poll(Duration timeout) {
        List<ConsumerRecord<String, GenericRecord>> decoded = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : consumer.poll(timeout)) {
            decoded.add(new ConsumerRecord<>(record.topic(), record.partition(), record.offset(), record.key(),
                    ConfluentWireFormat.decode(record.value(), registry)));
        }
        return decoded;
    }

    /** Commits what {@link #poll} returned, once it is handled. */
    public void commit() {
        consumer.commitSync();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }

    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: ExampleStatusConsumer <bootstrap> <registry-url> <group-id>");
            System.exit(2);
        }
        try (ExampleStatusConsumer statuses = new ExampleStatusConsumer(args[0], args[1], args[2])) {
            while (!Thread.currentThread().isInterrupted()) {
                for (ConsumerRecord<String, GenericRecord> record : statuses.poll(Duration.ofSeconds(1))) {
                    GenericRecord value = record.value();
                    if (value == null) {
                        continue;
                    }
                    if (record.topic().equals(SwitchboardTopics.MESSAGE_STATUS)) {
                        System.out.println("message " + record.key() + " is " + value.get("status")
                                + (value.get("error") == null ? "" : " (" + value.get("error") + ")"));
                    } else {
                        System.out.println("inbound on " + record.key() + ": " + value);
                    }
                }
                statuses.commit();
            }
        }
    }
}

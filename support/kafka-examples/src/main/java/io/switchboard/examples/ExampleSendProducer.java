package io.switchboard.examples;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends WhatsApp messages through Switchboard by producing {@code SendCommand}s to {@code send-commands}, with
 * kafka-clients, Apache Avro and the JDK HTTP client only:
 * <ol>
 *   <li>at start, fetch the latest {@code send-commands-value} schema and its id from the registry;</li>
 *   <li>per message, build a GenericRecord of that schema: a new UUID messageId, the account and its sending
 *       number, the recipient in E.164, the kind and its one content field, acceptedAt now, expiresAt (when it stops
 *       being worth sending), source "kafka";</li>
 *   <li>frame it in the Confluent wire format ({@link ConfluentWireFormat}) and produce it under the key
 *       {@code phoneNumberId:recipient} with an idempotent, {@code acks=all} producer.</li>
 * </ol>
 * Run: {@code java io.switchboard.examples.ExampleSendProducer <bootstrap> <registry-url> <accountId>
 * <phoneNumberId> <+recipient> <text>}; it prints the message id to follow on {@code message-status}.
 */
public final class ExampleSendProducer implements AutoCloseable {

    /** How long a message stays worth sending; Switchboard's API uses 24 h (the customer-service window). */
    static final Duration VALIDITY = Duration.ofHours(24);

    private final RegistryClient.Registered sendCommand;
    private final KafkaProducer<String, byte[]> producer;

    public ExampleSendProducer(String bootstrapServers, String registryUrl) {
        // Step 1: the writer schema and its id, once. Records are framed with this id.
        this.sendCommand = new RegistryClient(registryUrl)
                .latest(SwitchboardTopics.valueSubject(SwitchboardTopics.SEND_COMMANDS));
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                // Nothing is lost once send() completes (every in-sync replica has it) ...
                ProducerConfig.ACKS_CONFIG, "all",
                // ... and the producer's own retries never write a command twice or out of order.
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.CLIENT_ID_CONFIG, "example-send-producer"),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** Step 2 for a text message: every field the contract requires, with a fresh message id. */
    public GenericRecord textCommand(String accountId, String phoneNumberId, String recipient, String body) {
        Schema schema = sendCommand.schema();
        Schema textSchema = branch(schema.getField("text").schema(), "TextContent");
        GenericRecord text = new GenericRecordBuilder(textSchema).set("body", body).set("previewUrl", false).build();
        Instant now = Instant.now();
        // GenericRecordBuilder fills every field not set here with its default (null content fields, no reference).
        return new GenericRecordBuilder(schema)
                .set("messageId", UUID.randomUUID().toString())
                .set("accountId", accountId)
                .set("phoneNumberId", phoneNumberId)
                .set("recipient", recipient)
                .set("kind", new GenericData.EnumSymbol(schema.getField("kind").schema(), "TEXT"))
                .set("text", text)
                .set("acceptedAt", now.toEpochMilli())                  // timestamp-millis: epoch milliseconds
                .set("expiresAt", now.plus(VALIDITY).toEpochMilli())
                .set("source", "kafka")
                .build();
    }

    /** Step 3: frames the record and produces it under its conversation's key. */
    public CompletableFuture<RecordMetadata> send(GenericRecord command) {
        return send(SwitchboardTopics.sendCommandKey(command.get("phoneNumberId").toString(),
                command.get("recipient").toString()), command);
    }

    /** Produces under an explicit key (it must be {@code phoneNumberId:recipient}, or the command is rejected). */
    public CompletableFuture<RecordMetadata> send(String key, GenericRecord command) {
        CompletableFuture<RecordMetadata> acked = new CompletableFuture<>();
        producer.send(new ProducerRecord<>(SwitchboardTopics.SEND_COMMANDS, key, encode(command)),
                (metadata, failure) -> {
                    if (failure == null) {
                        acked.complete(metadata);
                    } else {
                        acked.completeExceptionally(failure);
                    }
                });
        return acked;
    }

    /** The record in the Confluent wire format, with the id of the schema it was built with. */
    public byte[] encode(GenericRecord command) {
        return ConfluentWireFormat.encode(sendCommand.id(), command);
    }

    /** The record schema of a nullable union field, e.g. TextContent in ["null", TextContent]. */
    static Schema branch(Schema union, String name) {
        return union.getTypes().stream().filter(s -> s.getType() == Schema.Type.RECORD && s.getName().equals(name))
                .findFirst().orElseThrow(() -> new IllegalStateException("No " + name + " in " + union));
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("usage: ExampleSendProducer <bootstrap> <registry-url> <accountId> <phoneNumberId> "
                    + "<+recipient> <text>");
            System.exit(2);
        }
        try (ExampleSendProducer producer = new ExampleSendProducer(args[0], args[1])) {
            GenericRecord command = producer.textCommand(args[2], args[3], args[4], args[5]);
            RecordMetadata written = producer.send(command).get();
            System.out.println("queued message " + command.get("messageId") + " at " + written.topic() + "-"
                    + written.partition() + "@" + written.offset());
        }
    }
}

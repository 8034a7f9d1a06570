package io.switchboard.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.registry.EmbeddedSchemaRegistry;
import io.switchboard.schemas.TopicProvisioner;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.MessageKind;
import io.switchboard.schemas.avro.MessageState;
import io.switchboard.schemas.avro.MessageStatus;
import io.switchboard.schemas.avro.SendCommand;
import io.switchboard.testkit.KafkaTestCluster;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The examples speak the platform's language byte for byte, against a real broker and registry: what the example
 * producer writes, the platform's own serde reads as the same SendCommand; what the platform writes, the example
 * consumer decodes by schema id.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExampleClientsTest {

    private final String bootstrap = KafkaTestCluster.shared().bootstrapServers();
    private String registryUrl;

    @BeforeAll
    void start() {
        registryUrl = EmbeddedSchemaRegistry.shared(bootstrap).url();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            TopicProvisioner.ensureTopics(admin, List.of(Topics.SEND_COMMANDS, Topics.MESSAGE_STATUS,
                    Topics.INBOUND_MESSAGES), (short) 1);
        }
        Topics.SEND_COMMANDS.registerValueSchema(registryUrl);
    }

    @Test
    void aCommandBuiltByTheExampleIsReadByThePlatformAsTheSameSendCommand() throws Exception {
        try (ExampleSendProducer producer = new ExampleSendProducer(bootstrap, registryUrl)) {
            GenericRecord command = producer.textCommand("acc_retail", "106540352242922", "+919876543210",
                    "Your order has shipped");

            SendCommand read = Topics.SEND_COMMANDS.valueSerde(registryUrl).deserializer()
                    .deserialize(Topics.SEND_COMMANDS.name(), producer.encode(command));
            RecordMetadata written = producer.send(command).get();

            assertThat(read.getMessageId()).isEqualTo(command.get("messageId").toString());
            assertThat(UUID.fromString(read.getMessageId())).isNotNull();
            assertThat(read.getKind()).isEqualTo(MessageKind.TEXT);
            assertThat(read.getText().getBody()).isEqualTo("Your order has shipped");
            assertThat(read.getSource()).isEqualTo("kafka");
            assertThat(read.getApiKeyId()).isNull();
            assertThat(read.getAcceptedAt()).isCloseTo(Instant.now(), within());
            assertThat(read.getExpiresAt()).isEqualTo(read.getAcceptedAt().plus(ExampleSendProducer.VALIDITY));
            assertThat(written.topic()).isEqualTo(Topics.SEND_COMMANDS.name());
        }
    }

    @Test
    void theStatusConsumerDecodesWhatThePlatformWrites() throws Exception {
        String messageId = UUID.randomUUID().toString();
        MessageStatus status = MessageStatus.newBuilder().setMessageId(messageId).setStatus(MessageState.DELIVERED)
                .setUpdatedAt(Instant.now().truncatedTo(ChronoUnit.MILLIS)).build();
        try (KafkaProducer<String, MessageStatus> platform = new KafkaProducer<>(Map.of(
                "bootstrap.servers", bootstrap), Topics.MESSAGE_STATUS.keySerde().serializer(),
                Topics.MESSAGE_STATUS.valueSerde(registryUrl).serializer())) {
            platform.send(new ProducerRecord<>(Topics.MESSAGE_STATUS.name(), messageId, status)).get();
        }

        try (ExampleStatusConsumer consumer = new ExampleStatusConsumer(bootstrap, registryUrl,
                "example-" + UUID.randomUUID())) {
            List<ConsumerRecord<String, GenericRecord>> seen = new ArrayList<>();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                seen.addAll(consumer.poll(Duration.ofMillis(200)));
                return seen.stream().anyMatch(r -> r.key().equals(messageId));
            });
            consumer.commit();
            GenericRecord value = seen.stream().filter(r -> r.key().equals(messageId)).findFirst().orElseThrow().value();
            assertThat(value.get("status").toString()).isEqualTo("DELIVERED");
            assertThat(value.get("updatedAt")).isEqualTo(status.getUpdatedAt().toEpochMilli());
        }
    }

    private static org.assertj.core.data.TemporalUnitOffset within() {
        return new org.assertj.core.data.TemporalUnitWithinOffset(1, ChronoUnit.MINUTES);
    }
}

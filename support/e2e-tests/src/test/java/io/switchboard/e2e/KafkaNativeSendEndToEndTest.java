package io.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.examples.ExampleSendProducer;
import io.switchboard.examples.ExampleStatusConsumer;
import io.switchboard.examples.SwitchboardTopics;
import io.switchboard.local.Platform;
import io.switchboard.registry.EmbeddedSchemaRegistry;
import io.switchboard.testkit.KafkaTestCluster;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Issue 5, internal services on Kafka: a team's own service produces send commands with the example producer (a plain
 * KafkaProducer writing the Confluent wire format itself, no Switchboard jar) and they are delivered like API
 * messages; invalid records are never sent and land on rejected-commands with the reason and the original bytes,
 * without holding back the valid command behind them on the same partition.
 */
class KafkaNativeSendEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(45);
    private static final String DEMO_ACCOUNT = "demo";

    private final Platform platform = RunningPlatform.get();
    private final String bootstrap = KafkaTestCluster.shared().bootstrapServers();
    private final String registryUrl = EmbeddedSchemaRegistry.shared(bootstrap).url();

    @Test
    void aCommandFromTheExampleProducerIsDeliveredAndItsStatusReachesRead() throws Exception {
        String to = "+919812340001";
        openWindow(to);
        GenericRecord command;
        try (ExampleSendProducer producer = new ExampleSendProducer(bootstrap, registryUrl)) {
            command = producer.textCommand(DEMO_ACCOUNT, RunningPlatform.PHONE_NUMBER_ID, to,
                    "Your parcel ORD-7731 is out for delivery");
            RecordMetadata written = producer.send(command).get(30, TimeUnit.SECONDS);
            assertThat(written.topic()).isEqualTo(SwitchboardTopics.SEND_COMMANDS);
        }
        String messageId = command.get("messageId").toString();

        JsonNode read = awaitApiStatus(messageId, "read");

        List<String> steps = new ArrayList<>();
        read.path("timeline").forEach(step -> steps.add(step.path("status").asText()));
        assertThat(steps).containsExactly("queued", "sent", "delivered", "read");
        JsonNode sent = Http.get(platform.simulatorUrl() + "/_sim/messages/" + read.path("wamid").asText(), null)
                .body();
        assertThat(sent.toString()).contains("ORD-7731").contains(messageId).contains("919812340001");
        try (ExampleStatusConsumer statuses = new ExampleStatusConsumer(bootstrap, registryUrl,
                "e2e-status-" + UUID.randomUUID(), List.of(SwitchboardTopics.MESSAGE_STATUS))) {
            List<String> seen = new CopyOnWriteArrayList<>();
            await().atMost(WAIT).untilAsserted(() -> {
                statuses.poll(Duration.ofMillis(200)).stream().filter(r -> messageId.equals(r.key()))
                        .forEach(r -> seen.add(r.value().get("status").toString()));
                assertThat(seen).contains("READ");
            });
        }
    }

    @Test
    void invalidCommandsLandOnRejectedCommandsAreNeverSentAndTheValidOneBehindThemIsDelivered() throws Exception {
        String to = "+919812340002";
        openWindow(to);
        String key = RunningPlatform.PHONE_NUMBER_ID + ":" + to;
        byte[] garbage = "{\"to\":\"+919812340002\",\"text\":\"not avro\"}".getBytes(StandardCharsets.UTF_8);
        GenericRecord tooLong;
        GenericRecord stranger;
        GenericRecord valid;
        byte[] tooLongBytes;
        byte[] strangerBytes;
        try (ExampleSendProducer producer = new ExampleSendProducer(bootstrap, registryUrl);
             KafkaProducer<String, byte[]> raw = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                     new StringSerializer(), new ByteArraySerializer())) {
            tooLong = producer.textCommand(DEMO_ACCOUNT, RunningPlatform.PHONE_NUMBER_ID, to, "x".repeat(5000));
            stranger = producer.textCommand("acc_nobody", RunningPlatform.PHONE_NUMBER_ID, to, "Hello from nowhere");
            valid = producer.textCommand(DEMO_ACCOUNT, RunningPlatform.PHONE_NUMBER_ID, to, "Your refund is on its way");
            tooLongBytes = producer.encode(tooLong);
            strangerBytes = producer.encode(stranger);
            // All four share the key, so the same partition, in this order.
            raw.send(new ProducerRecord<>(SwitchboardTopics.SEND_COMMANDS, key, garbage)).get();
            producer.send(key, tooLong).get(30, TimeUnit.SECONDS);
            producer.send(key, stranger).get(30, TimeUnit.SECONDS);
            producer.send(key, valid).get(30, TimeUnit.SECONDS);
        }

        awaitApiStatus(valid.get("messageId").toString(), "read");

        List<GenericRecord> rejected = rejectedUnder(key, 3);
        assertThat(rejected).extracting(r -> r.get("code").toString())
                .containsExactly("NOT_WIRE_FORMAT", "INVALID_TEXT", "UNKNOWN_ACCOUNT");
        assertThat(rejected).extracting(r -> bytes(r.get("originalValue")))
                .containsExactly(garbage, tooLongBytes, strangerBytes);
        assertThat(rejected.get(1).get("reason").toString()).contains("text.body").contains("4096");
        assertThat(rejected.get(2).get("reason").toString()).contains("acc_nobody");
        assertThat(rejected).allSatisfy(r -> assertThat(r.get("sourcePartition"))
                .isEqualTo(rejected.get(0).get("sourcePartition")));

        JsonNode failed = Http.get(platform.apiUrl() + "/messages/" + tooLong.get("messageId"), RunningPlatform.API_KEY)
                .body().path("data");
        assertThat(failed.path("status").asText()).isEqualTo("failed");
        assertThat(failed.path("error").path("message").asText()).startsWith("INVALID_TEXT");
        JsonNode strangerStatus = Http.get(platform.projectorUrl() + "/internal/messages/" + stranger.get("messageId"),
                null).body();
        assertThat(strangerStatus.path("status").asText()).isEqualTo("failed");
        assertThat(strangerStatus.path("error").path("reason").asText()).isEqualTo("INVALID_COMMAND");
        String simulated = Http.get(platform.simulatorUrl() + "/_sim/messages?limit=1000", null).body().toString();
        assertThat(simulated).contains(valid.get("messageId").toString())
                .doesNotContain(tooLong.get("messageId").toString())
                .doesNotContain(stranger.get("messageId").toString())
                .doesNotContain("not avro");
    }

    private void openWindow(String customer) {
        Http.Answer opened = Http.post(platform.simulatorUrl() + "/_sim/window", null, "{\"phone_number_id\":\""
                + RunningPlatform.PHONE_NUMBER_ID + "\",\"customer\":\"" + customer + "\",\"open\":true}");
        assertThat(opened.status()).as(opened.body().toString()).isEqualTo(200);
    }

    private JsonNode awaitApiStatus(String messageId, String expected) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            Http.Answer answer = Http.get(platform.apiUrl() + "/messages/" + messageId, RunningPlatform.API_KEY);
            last[0] = answer.body().path("data");
            assertThat(last[0].path("status").asText()).as(answer.body().toString()).isEqualTo(expected);
        });
        return last[0];
    }

    /** The rejections whose original key is {@code key}, read with the example consumer (decoded by schema id). */
    private List<GenericRecord> rejectedUnder(String key, int expected) {
        List<GenericRecord> found = new CopyOnWriteArrayList<>();
        try (ExampleStatusConsumer consumer = new ExampleStatusConsumer(bootstrap, registryUrl,
                "e2e-rejected-" + UUID.randomUUID(), List.of(SwitchboardTopics.REJECTED_COMMANDS))) {
            await().atMost(WAIT).untilAsserted(() -> {
                for (ConsumerRecord<String, GenericRecord> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key())) {
                        found.add(record.value());
                    }
                }
                assertThat(found).hasSize(expected);
            });
        }
        return found;
    }

    private static byte[] bytes(Object avroBytes) {
        ByteBuffer buffer = ((ByteBuffer) avroBytes).duplicate();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}

package io.switchboard.ingress.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.ingress.support.TestInfrastructure;
import io.switchboard.schemas.TopicProvisioner;
import io.switchboard.schemas.Topic;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.MessageKind;
import io.switchboard.schemas.avro.SendCommand;
import io.switchboard.schemas.avro.TextContent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Where the broker's acknowledgement of a send command is completed (real broker and registry). */
class SendCommandPublisherTest {

    private static SendCommandPublisher publisher;
    private static ExecutorService requestLoop;
    private static ExecutorService closedLoop;

    @BeforeAll
    static void start() throws Exception {
        String bootstrap = TestInfrastructure.kafka().bootstrapServers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            TopicProvisioner.ensureTopics(admin, List.<Topic<?>>of(Topics.SEND_COMMANDS), (short) 1);
        }
        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all");
        publisher = new SendCommandPublisher(new KafkaProducer<>(props, Topics.SEND_COMMANDS.keySerde().serializer(),
                Topics.SEND_COMMANDS.valueSerde(TestInfrastructure.registryUrl()).serializer()),
                Duration.ofSeconds(30));
        requestLoop = Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, "request-event-loop"));
        closedLoop = Executors.newSingleThreadExecutor();
        closedLoop.shutdown();
    }

    @AfterAll
    static void stop() {
        publisher.close();
        requestLoop.shutdown();
    }

    @Test
    void theAcknowledgementIsCompletedOnTheRequestsOwnExecutor() throws Exception {
        CompletableFuture<String> completedOn = publisher.publish("k", command(), requestLoop, null)
                .thenApply(metadata -> Thread.currentThread().getName());

        assertThat(completedOn.get(30, TimeUnit.SECONDS)).isEqualTo("request-event-loop");
    }

    @Test
    void anExecutorNoLongerAcceptingWorkFallsBackToThePublishersPool() throws Exception {
        CompletableFuture<String> completedOn = publisher.publish("k", command(), closedLoop, null)
                .thenApply(metadata -> Thread.currentThread().getName());

        assertThat(completedOn.get(30, TimeUnit.SECONDS)).isEqualTo("send-commands-acks");
    }

    @Test
    void withoutAnExecutorThePublishersPoolCompletesIt() throws Exception {
        CompletableFuture<RecordMetadata> acked = publisher.publish("k", command(), null, null);
        CompletableFuture<String> completedOn = acked.thenApply(metadata -> Thread.currentThread().getName());

        assertThat(completedOn.get(30, TimeUnit.SECONDS)).isEqualTo("send-commands-acks");
        assertThat(acked.get().offset()).isNotNegative();
    }

    private static SendCommand command() {
        Instant now = Instant.now();
        return SendCommand.newBuilder().setMessageId(UUID.randomUUID().toString()).setAccountId("acct-1")
                .setPhoneNumberId("106540352242922").setRecipient("+919876543210").setKind(MessageKind.TEXT)
                .setText(TextContent.newBuilder().setBody("Hello!").setPreviewUrl(false).build())
                .setApiKeyId("0123456789abcdef").setAcceptedAt(now).setExpiresAt(now.plusSeconds(60))
                .setSource("api").build();
    }
}

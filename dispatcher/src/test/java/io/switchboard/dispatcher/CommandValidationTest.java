package io.switchboard.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.Account;
import io.switchboard.schemas.avro.MessageEventType;
import io.switchboard.schemas.avro.RejectedCommand;
import io.switchboard.schemas.avro.SendCommand;
import io.switchboard.schemas.avro.TextContent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The validation step against a real broker, registry, Redis and Cloud API peer, with the account check on: invalid
 * records of one conversation go to rejected-commands with their code, reason and original bytes, are never sent,
 * fail their message when they name one, and do not hold back the valid command behind them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommandValidationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String NUMBER = "300000000000001";
    private static final String ACCOUNT = "acc_validation";

    private DispatcherEnvironment env;
    private TopicCollector<RejectedCommand> rejected;
    private KafkaProducer<String, byte[]> raw;

    @BeforeAll
    void start() throws Exception {
        env = new DispatcherEnvironment(Map.of("switchboard.dispatcher.validation.require-account", true));
        try (KafkaProducer<String, Account> accounts = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, env.kafka.bootstrapServers()),
                Topics.ACCOUNTS.keySerde().serializer(), Topics.ACCOUNTS.valueSerde(env.registry.url()).serializer())) {
            accounts.send(new ProducerRecord<>(Topics.ACCOUNTS.name(), ACCOUNT, Account.newBuilder()
                    .setAccountId(ACCOUNT).setName("Validation").setWabaId("100000000000009").setPhoneNumberId(NUMBER)
                    .setCreatedAt(Instant.now()).build())).get();
        }
        rejected = TopicCollector.start(env.kafka.bootstrapServers(), Topics.REJECTED_COMMANDS, env.registry.url());
        raw = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, env.kafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer());
    }

    @AfterAll
    void stop() throws Exception {
        raw.close();
        rejected.close();
        env.close();
    }

    @Test
    void invalidRecordsAreRejectedWithTheirBytesNeverSentAndTheValidCommandBehindThemIsDelivered() throws Exception {
        String to = "+447700900301";
        String key = Topics.sendCommandKey(NUMBER, to);
        SendCommand first = mine(to, "Your table is booked");
        SendCommand tooLong = SendCommand.newBuilder(mine(to, "x".repeat(4097))).build();
        SendCommand stranger = SendCommand.newBuilder(mine(to, "Hello")).setAccountId("acc_someone_else").build();
        SendCommand duplicate = SendCommand.newBuilder(mine(to, "Another text")).setMessageId(first.getMessageId())
                .build();
        SendCommand valid = mine(to, "See you at 8");
        byte[] garbage = "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8);

        env.send(List.of(first));
        await().atMost(WAIT).until(() -> hasEvent(first, MessageEventType.SENT));
        raw.send(new ProducerRecord<>(Topics.SEND_COMMANDS.name(), key, garbage)).get();
        env.send(List.of(tooLong, stranger, duplicate, valid));

        await().atMost(WAIT).until(() -> hasEvent(valid, MessageEventType.SENT));
        await().atMost(WAIT).until(() -> rejectedFor(key).size() == 4);
        List<RejectedCommand> rejections = rejectedFor(key);
        assertThat(rejections).extracting(RejectedCommand::getCode)
                .containsExactly("NOT_WIRE_FORMAT", "INVALID_TEXT", "UNKNOWN_ACCOUNT", "DUPLICATE_MESSAGE_ID");
        assertThat(rejections).allSatisfy(r -> {
            assertThat(r.getReason()).isNotBlank();
            assertThat(r.getSourceTopic()).isEqualTo(Topics.SEND_COMMANDS.name());
            assertThat(bytes(r.getOriginalKey())).isEqualTo(key.getBytes(StandardCharsets.UTF_8));
        });
        assertThat(bytes(rejections.get(0).getOriginalValue())).isEqualTo(garbage);
        assertThat(rejections.get(1).getSourcePartition()).isEqualTo(rejections.get(0).getSourcePartition());
        assertThat(rejections.get(1).getSourceOffset()).isEqualTo(rejections.get(0).getSourceOffset() + 1);
        assertThat(rejections.get(1).getReason()).contains("text.body").contains("4096");

        for (SendCommand refused : List.of(tooLong, stranger)) {
            assertThat(env.peer.requestsFor(refused.getMessageId())).isZero();
            await().atMost(WAIT).until(() -> hasEvent(refused, MessageEventType.FAILED));
            assertThat(env.eventsOf(refused.getMessageId())).singleElement().satisfies(e ->
                    assertThat(e.getError().getReason()).isEqualTo("INVALID_COMMAND"));
        }
        assertThat(env.peer.requestsFor(first.getMessageId())).as("the duplicate was not sent").isEqualTo(1);
        assertThat(env.eventsOf(first.getMessageId())).as("the first message's status is untouched")
                .noneMatch(e -> e.getType() == MessageEventType.FAILED);
    }

    @Test
    void theSameCommandAgainIsNotADuplicateAndIsNotSentTwice() throws Exception {
        SendCommand command = mine("+447700900302", "Your code is 5521");
        env.send(List.of(command));
        await().atMost(WAIT).until(() -> hasEvent(command, MessageEventType.SENT));

        env.send(List.of(command));

        await().atMost(WAIT).until(() -> env.eventsOf(command.getMessageId()).stream()
                .filter(e -> e.getType() == MessageEventType.SENT).count() == 2);
        assertThat(env.peer.requestsFor(command.getMessageId())).isEqualTo(1);
        assertThat(rejected.values()).noneMatch(r -> Optional.ofNullable(r.getOriginalKey()).map(CommandValidationTest::bytes)
                .map(b -> new String(b, StandardCharsets.UTF_8)).orElse("").endsWith("+447700900302"));
    }

    @Test
    void aCommandForAnAccountCreatedAMomentAgoIsDeliveredNotRejected() throws Exception {
        String account = "acc_new_" + System.nanoTime();
        String number = "106540352249" + (System.nanoTime() % 1000);
        String to = "+447700900303";
        try (KafkaProducer<String, Account> accounts = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, env.kafka.bootstrapServers()),
                Topics.ACCOUNTS.keySerde().serializer(), Topics.ACCOUNTS.valueSerde(env.registry.url()).serializer())) {
            accounts.send(new ProducerRecord<>(Topics.ACCOUNTS.name(), account, Account.newBuilder()
                    .setAccountId(account).setName("Just created").setWabaId("100000000000010").setPhoneNumberId(number)
                    .setCreatedAt(Instant.now()).build())).get();
        }
        // At once, as the ingress does after an admin creates an account and a key: the table may not have it yet.
        SendCommand command = SendCommand.newBuilder(Commands.text(number, to, "Welcome aboard")).setAccountId(account)
                .setSource("kafka").build();
        env.send(List.of(command));

        await().atMost(WAIT).until(() -> hasEvent(command, MessageEventType.SENT));
        assertThat(rejectedFor(Topics.sendCommandKey(number, to))).isEmpty();
        assertThat(env.eventsOf(command.getMessageId())).noneMatch(e -> e.getType() == MessageEventType.FAILED);
    }

    private SendCommand mine(String to, String text) {
        return SendCommand.newBuilder(Commands.text(NUMBER, to, "placeholder")).setAccountId(ACCOUNT)
                .setSource("kafka").setText(TextContent.newBuilder().setBody(text).build()).build();
    }

    private List<RejectedCommand> rejectedFor(String key) {
        return rejected.values().stream().filter(r -> r.getOriginalKey() != null
                && new String(bytes(r.getOriginalKey()), StandardCharsets.UTF_8).equals(key)).toList();
    }

    private boolean hasEvent(SendCommand command, MessageEventType type) {
        return env.eventsOf(command.getMessageId()).stream().anyMatch(e -> e.getType() == type);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }
}

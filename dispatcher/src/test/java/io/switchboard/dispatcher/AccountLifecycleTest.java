package io.switchboard.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.Account;
import io.switchboard.schemas.avro.AccountStatus;
import io.switchboard.schemas.avro.MessageEvent;
import io.switchboard.schemas.avro.MessageEventType;
import io.switchboard.schemas.avro.PhoneNumber;
import io.switchboard.schemas.avro.RejectedCommand;
import io.switchboard.schemas.avro.SendCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Accounts and their numbers, with the account check on: the phone-numbers table says which account owns a number
 * (another account's number is rejected as NUMBER_NOT_OWNED, a second number of one's own is sent); the messages of
 * an account that is disabled or deleted end FAILED with the account's reason whether they were new, retrying,
 * parked or halted, and none is sent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountLifecycleTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private DispatcherEnvironment env;
    private TopicCollector<RejectedCommand> rejected;
    private KafkaProducer<String, Account> accounts;
    private KafkaProducer<String, PhoneNumber> numbers;

    @BeforeAll
    void start() throws Exception {
        env = new DispatcherEnvironment(Map.of(
                "switchboard.dispatcher.validation.require-account", true,
                "switchboard.dispatcher.backoff-base", "100ms",
                "switchboard.dispatcher.backoff-max", "1s",
                "switchboard.dispatcher.parking.park-after", "300ms",
                "switchboard.dispatcher.parking.sweep-interval", "500ms",
                "switchboard.dispatcher.pacing.halt-recheck-interval", "300ms"));
        Map<String, Object> producer = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, env.kafka.bootstrapServers());
        accounts = new KafkaProducer<>(producer, Topics.ACCOUNTS.keySerde().serializer(),
                Topics.ACCOUNTS.valueSerde(env.registry.url()).serializer());
        numbers = new KafkaProducer<>(producer, Topics.PHONE_NUMBERS.keySerde().serializer(),
                Topics.PHONE_NUMBERS.valueSerde(env.registry.url()).serializer());
        rejected = TopicCollector.start(env.kafka.bootstrapServers(), Topics.REJECTED_COMMANDS, env.registry.url());
    }

    @AfterAll
    void stop() throws Exception {
        accounts.close();
        numbers.close();
        rejected.close();
        env.close();
    }

    @Test
    void aNumberOwnedByAnotherAccountIsRefusedAndASecondNumberOfOnesOwnIsSent() throws Exception {
        account("acc_owner", "700000000000001", AccountStatus.ACTIVE);
        account("acc_intruder", "700000000000009", AccountStatus.ACTIVE);
        claim("700000000000001", "acc_owner");
        claim("700000000000002", "acc_owner");
        SendCommand intruding = of("acc_intruder", "700000000000001", "+447700920001");
        SendCommand secondNumber = of("acc_owner", "700000000000002", "+447700920002");

        env.send(List.of(intruding, secondNumber));

        await().atMost(WAIT).until(() -> has(secondNumber, MessageEventType.SENT));
        await().atMost(WAIT).until(() -> has(intruding, MessageEventType.FAILED));
        assertThat(env.eventsOf(intruding.getMessageId())).singleElement().satisfies(e -> {
            assertThat(e.getError().getReason()).isEqualTo("INVALID_COMMAND");
            assertThat(e.getError().getDetail()).startsWith("NUMBER_NOT_OWNED").doesNotContain("acc_owner");
        });
        await().atMost(WAIT).until(() -> rejected.values().stream().anyMatch(r -> r.getCode().equals("NUMBER_NOT_OWNED")));
        assertThat(env.peer.requestsFor(intruding.getMessageId())).isZero();
    }

    @Test
    void disablingAnAccountFailsItsWaitingParkedHaltedAndNewMessagesWithoutSendingThem() throws Exception {
        String failing = "700000000000011";
        String halted = "700000000000012";
        account("acc_closing", failing, AccountStatus.ACTIVE);
        claim(failing, "acc_closing");
        claim(halted, "acc_closing");
        env.peer.behave(failing, (request, attempt) -> CloudApiPeer.Reply.error(503, 131016, "Service unavailable",
                "A service is temporarily unavailable."));
        env.peer.behave(halted, (request, attempt) -> CloudApiPeer.Reply.error(400, 133010, "Account not registered",
                "Phone number is not registered"));
        List<SendCommand> waiting = List.of(of("acc_closing", failing, "+447700920011"),
                of("acc_closing", failing, "+447700920011"), of("acc_closing", failing, "+447700920012"),
                of("acc_closing", halted, "+447700920013"), of("acc_closing", halted, "+447700920013"));
        env.send(waiting);
        await().atMost(WAIT).until(() -> has(waiting.get(0), MessageEventType.ATTEMPT)
                && has(waiting.get(2), MessageEventType.ATTEMPT) && has(waiting.get(3), MessageEventType.ATTEMPT));
        await().atMost(WAIT).untilAsserted(() -> assertThat(env.committedOffsets()).isEqualTo(env.endOffsets()));

        account("acc_closing", failing, AccountStatus.DISABLED);
        SendCommand fresh = of("acc_closing", failing, "+447700920014");
        env.send(List.of(fresh));

        List<SendCommand> all = new java.util.ArrayList<>(waiting);
        all.add(fresh);
        await().atMost(WAIT).untilAsserted(() -> assertThat(all).allSatisfy(c ->
                assertThat(failure(c)).as(c.getMessageId()).isNotNull()));
        long requests = env.peer.receivedFrom(failing).size() + env.peer.receivedFrom(halted).size();
        assertThat(all).allSatisfy(c -> {
            MessageEvent failed = failure(c);
            assertThat(failed.getError().getReason()).isEqualTo("ACCOUNT_DISABLED");
            assertThat(failed.getError().getTitle()).isEqualTo("Account disabled");
            assertThat(failed.getError().getDetail()).contains("acc_closing").contains("unpaid invoice");
            assertThat(env.eventsOf(c.getMessageId())).noneMatch(e -> e.getType() == MessageEventType.SENT);
        });
        assertThat(env.peer.requestsFor(fresh.getMessageId())).isZero();
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() ->
                env.peer.receivedFrom(failing).size() + env.peer.receivedFrom(halted).size() == requests);
    }

    @Test
    void aDeletedAccountsNewMessageFailsAsDeleted() throws Exception {
        account("acc_gone", "700000000000021", AccountStatus.DELETED);
        SendCommand command = of("acc_gone", "700000000000021", "+447700920021");

        env.send(List.of(command));

        await().atMost(WAIT).until(() -> failure(command) != null);
        assertThat(failure(command).getError().getReason()).isEqualTo("ACCOUNT_DELETED");
        assertThat(env.peer.requestsFor(command.getMessageId())).isZero();
    }

    private void account(String id, String number, AccountStatus status) throws Exception {
        accounts.send(new ProducerRecord<>(Topics.ACCOUNTS.name(), id, Account.newBuilder().setAccountId(id)
                .setName(id).setWabaId("100000000000077").setPhoneNumberId(number).setCreatedAt(Instant.now())
                .setStatus(status).setStatusReason(status == AccountStatus.ACTIVE ? null : "unpaid invoice")
                .setStatusChangedAt(Instant.now()).build())).get();
    }

    private void claim(String number, String account) throws Exception {
        numbers.send(new ProducerRecord<>(Topics.PHONE_NUMBERS.name(), number, PhoneNumber.newBuilder()
                .setPhoneNumberId(number).setAccountId(account).setClaimedAt(Instant.now()).build())).get();
    }

    private static SendCommand of(String account, String number, String to) {
        return SendCommand.newBuilder(Commands.text(number, to, "Your order has shipped")).setAccountId(account)
                .setExpiresAt(Instant.now().plus(Duration.ofMinutes(10))).build();
    }

    private MessageEvent failure(SendCommand command) {
        return env.eventsOf(command.getMessageId()).stream().filter(e -> e.getType() == MessageEventType.FAILED)
                .findFirst().orElse(null);
    }

    private boolean has(SendCommand command, MessageEventType type) {
        return env.eventsOf(command.getMessageId()).stream().anyMatch(e -> e.getType() == type);
    }
}

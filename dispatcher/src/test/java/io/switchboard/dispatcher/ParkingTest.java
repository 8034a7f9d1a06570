package io.switchboard.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.schemas.avro.MessageEvent;
import io.switchboard.schemas.avro.MessageEventType;
import io.switchboard.schemas.avro.SendCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Retries that last as long as a message is valid, parked outside the in-flight window, against a real broker, Redis
 * and Cloud API peer. Time is compressed: {@code backoff-max} 1 s stands for the default 5 minutes, so ten attempts
 * at the cap are "most of an hour" of a WhatsApp outage. The in-flight window is small (16), so a message held in
 * place would soon stop every other number.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ParkingTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private DispatcherEnvironment env;

    /** WhatsApp failing a number with 131016 (HTTP 503) until it recovers; counts what it accepted, in order. */
    static final class Outage implements CloudApiPeer.Behaviour {
        final AtomicBoolean down = new AtomicBoolean(true);
        final Map<String, AtomicInteger> accepted = new ConcurrentHashMap<>();
        final List<CloudApiPeer.Received> acceptedInOrder = new CopyOnWriteArrayList<>();

        @Override
        public CloudApiPeer.Reply reply(CloudApiPeer.Received request, int attempt) {
            if (down.get()) {
                return CloudApiPeer.Reply.error(503, 131016, "Service unavailable",
                        "A service is temporarily unavailable.");
            }
            accepted.computeIfAbsent(request.messageId(), k -> new AtomicInteger()).incrementAndGet();
            acceptedInOrder.add(request);
            return CloudApiPeer.Reply.accepted(CloudApiPeer.newWamid(), request.to(), 0);
        }

        List<String> acceptedFor(String recipient) {
            return acceptedInOrder.stream().filter(r -> r.to().equals(recipient))
                    .map(CloudApiPeer.Received::messageId).toList();
        }
    }

    @BeforeAll
    void start() throws Exception {
        env = new DispatcherEnvironment(Map.of(
                "switchboard.dispatcher.backoff-base", "100ms",
                "switchboard.dispatcher.backoff-max", "1s",
                "switchboard.dispatcher.parking.park-after", "300ms",
                "switchboard.dispatcher.parking.sweep-interval", "500ms",
                "switchboard.dispatcher.max-in-flight", 16,
                "switchboard.dispatcher.pacing.default-rate", 500,
                "switchboard.dispatcher.pacing.halt-recheck-interval", "300ms"));
    }

    @AfterAll
    void stop() throws Exception {
        env.close();
    }

    @Test
    @Order(1)
    void aNumberWhatsAppFailsForALongTimeGetsEveryMessageDeliveredOnceInOrderAfterItRecovers() throws Exception {
        String number = "600000000000001";
        Outage outage = new Outage();
        env.peer.behave(number, outage);
        List<SendCommand> commands = conversations(number, "+4477009101", 20, 3);
        SendCommand expiring = SendCommand.newBuilder(Commands.text(number, "+447700910999", "Flash sale: 1 hour"))
                .setExpiresAt(Instant.now().plusSeconds(8)).build();
        // First, so its first attempt comes before its validity ends.
        List<SendCommand> all = new ArrayList<>(List.of(expiring));
        all.addAll(commands);

        env.send(all);

        await().atMost(WAIT).untilAsserted(() -> assertThat(env.committedOffsets())
                .as("parked messages hold no offset back").isEqualTo(env.endOffsets()));
        await().atMost(WAIT).untilAsserted(() -> assertThat(env.call("GET", "/health", false).body())
                .contains("\"degraded\"").contains(number).contains("131016"));
        assertThat(env.call("GET", "/health", false).statusCode()).isEqualTo(200);
        await().atMost(WAIT).untilAsserted(() -> assertThat(env.eventsOf(expiring.getMessageId()))
                .filteredOn(e -> e.getType() == MessageEventType.EXPIRED).singleElement()
                .satisfies(e -> {
                    assertThat(e.getError().getReason()).isEqualTo("EXPIRED");
                    assertThat(e.getError().getCode()).as("the last error WhatsApp gave").isEqualTo(131016);
                }));
        // Longer than the eight attempts retries used to have: more than an hour of outage at the real backoff.
        await().atMost(WAIT).until(() -> commands.stream().filter(c -> attempts(c) > 0).allMatch(c -> attempts(c) >= 10)
                && commands.stream().anyMatch(c -> attempts(c) >= 10));

        outage.down.set(false);

        await().atMost(WAIT).untilAsserted(() -> assertThat(commands).allSatisfy(c ->
                assertThat(has(c, MessageEventType.SENT)).as(c.getMessageId()).isTrue()));
        assertThat(commands).allSatisfy(c -> {
            assertThat(outage.accepted.get(c.getMessageId())).as("accepted once").hasValue(1);
            assertThat(env.eventsOf(c.getMessageId())).noneMatch(e -> e.getType() == MessageEventType.FAILED);
            assertThat(env.deadLettersOf(c.getMessageId())).isEmpty();
        });
        assertThat(outage.accepted).doesNotContainKey(expiring.getMessageId());
        assertKeyOrder(commands, outage);
        await().atMost(WAIT).untilAsserted(() -> assertThat(env.call("GET", "/health", false).body())
                .doesNotContain(number));
    }

    @Test
    @Order(2)
    void anotherNumberKeepsFlowingWhileOneNumbersMessagesAreParked() throws Exception {
        String failing = "600000000000002";
        String healthy = "600000000000003";
        Outage outage = new Outage();
        env.peer.behave(failing, outage);
        List<SendCommand> stuck = conversations(failing, "+4477009102", 100, 1);
        List<SendCommand> flowing = conversations(healthy, "+4477009103", 50, 1);

        env.send(stuck);
        await().atMost(WAIT).until(() -> stuck.stream().allMatch(c -> attempts(c) >= 1));
        env.send(flowing);

        await().atMost(WAIT).until(() -> flowing.stream().allMatch(c -> has(c, MessageEventType.SENT)));
        assertThat(stuck).as("still waiting for WhatsApp, neither sent nor given up").allSatisfy(c ->
                assertThat(env.eventsOf(c.getMessageId())).extracting(MessageEvent::getType)
                        .containsOnly(MessageEventType.ATTEMPT));

        outage.down.set(false);
        await().atMost(WAIT).until(() -> stuck.stream().allMatch(c -> has(c, MessageEventType.SENT)));
        assertThat(stuck).allSatisfy(c -> assertThat(outage.accepted.get(c.getMessageId())).hasValue(1));
    }

    @Test
    @Order(3)
    void parkedMessagesSurviveARestartWithTheirAttemptsAndAreSentOnceInOrder() throws Exception {
        String number = "600000000000004";
        Outage outage = new Outage();
        env.peer.behave(number, outage);
        List<SendCommand> commands = conversations(number, "+4477009104", 5, 2);
        env.send(commands);
        await().atMost(WAIT).until(() -> commands.subList(0, 5).stream().allMatch(c -> attempts(c) >= 4));
        await().atMost(WAIT).untilAsserted(() -> assertThat(env.committedOffsets()).isEqualTo(env.endOffsets()));
        SendCommand head = commands.get(0);
        int eventsBefore = env.eventsOf(head.getMessageId()).size();

        env.restartDispatcher();

        await().atMost(WAIT).until(() -> env.eventsOf(head.getMessageId()).size() > eventsBefore);
        assertThat(env.eventsOf(head.getMessageId()).get(eventsBefore).getAttempt())
                .as("the attempts go on from the parked record, not from 1").isGreaterThan(2);
        outage.down.set(false);
        await().atMost(WAIT).until(() -> commands.stream().allMatch(c -> has(c, MessageEventType.SENT)));
        assertThat(commands).allSatisfy(c -> assertThat(outage.accepted.get(c.getMessageId())).hasValue(1));
        assertKeyOrder(commands, outage);
    }

    @Test
    @Order(4)
    void messagesOfAHaltedNumberWaitOutsideTheWindowAndGoOutInOrderOnceCleared() throws Exception {
        String number = "600000000000005";
        AtomicBoolean cleared = new AtomicBoolean();
        Outage accepted = new Outage();
        accepted.down.set(false);
        env.peer.behave(number, (request, attempt) -> cleared.get() ? accepted.reply(request, attempt)
                : CloudApiPeer.Reply.error(400, 133010, "Account not registered", "Phone number is not registered"));
        List<SendCommand> commands = conversations(number, "+4477009105", 10, 3);

        env.send(commands);

        await().atMost(WAIT).untilAsserted(() -> assertThat(env.committedOffsets())
                .as("halted messages hold no offset back").isEqualTo(env.endOffsets()));
        assertThat(commands).allSatisfy(c -> assertThat(has(c, MessageEventType.SENT)).isFalse());
        cleared.set(true);
        assertThat(env.call("POST", "/admin/halts/" + number + "/clear", true).statusCode()).isEqualTo(200);

        await().atMost(WAIT).until(() -> commands.stream().allMatch(c -> has(c, MessageEventType.SENT)));
        assertThat(commands).allSatisfy(c -> assertThat(accepted.accepted.get(c.getMessageId())).hasValue(1));
        assertKeyOrder(commands, accepted);
    }

    @Test
    @Order(5)
    void prometheusShowsPerNumberPerAccountErrorCodeParkingAndLagMetrics() throws Exception {
        String number = "600000000000006";
        env.peer.behave(number, (request, attempt) -> attempt <= 5
                ? CloudApiPeer.Reply.error(503, 131016, "Service unavailable", "A service is temporarily unavailable.")
                : CloudApiPeer.Reply.accepted(CloudApiPeer.newWamid(), request.to(), 0));
        List<SendCommand> commands = conversations(number, "+4477009106", 2, 2);
        env.send(commands);
        await().atMost(WAIT).until(() -> commands.stream().allMatch(c -> has(c, MessageEventType.SENT)));

        String metrics = env.call("GET", "/prometheus", false).body();

        assertThat(line(metrics, "dispatcher_number_attempts_total{", "phone_number_id=\"" + number + "\"",
                "outcome=\"RETRY\"")).isNotNull();
        assertThat(line(metrics, "dispatcher_number_attempts_total{", "phone_number_id=\"" + number + "\"",
                "outcome=\"SENT\"")).isNotNull();
        assertThat(line(metrics, "dispatcher_account_messages_total{", "account_id=\"" + Commands.ACCOUNT + "\"",
                "result=\"sent\"")).isNotNull();
        assertThat(line(metrics, "dispatcher_cloudapi_errors_total{", "code=\"131016\"", "reason=\"TRANSIENT\""))
                .isNotNull();
        assertThat(line(metrics, "dispatcher_parked_total{", "reason=\"RETRY\"")).isNotNull();
        assertThat(line(metrics, "dispatcher_parked_total{", "reason=\"BEHIND\"")).isNotNull();
        assertThat(line(metrics, "dispatcher_consumer_lag{", "topic=\"send-commands\"")).isNotNull();
        assertThat(line(metrics, "dispatcher_consumer_lag{", "topic=\"send-commands-retry\"")).isNotNull();
        assertThat(metrics).contains("dispatcher_parked_messages ").contains("dispatcher_parked_in_memory ")
                .contains("dispatcher_failing_numbers ");
    }

    /** {@code recipients} conversations of {@code perRecipient} messages each, interleaved as a campaign sends them. */
    private static List<SendCommand> conversations(String number, String prefix, int recipients, int perRecipient) {
        List<SendCommand> commands = new ArrayList<>();
        for (int m = 0; m < perRecipient; m++) {
            for (int r = 0; r < recipients; r++) {
                String to = prefix + String.format("%03d", r);
                commands.add(SendCommand.newBuilder(Commands.text(number, to, "Update " + m + " of your order"))
                        .setExpiresAt(Instant.now().plus(Duration.ofMinutes(10))).build());
            }
        }
        return commands;
    }

    /** Each recipient got its messages in the order they were produced. */
    private static void assertKeyOrder(List<SendCommand> commands, Outage peer) {
        commands.stream().map(SendCommand::getRecipient).distinct().forEach(to -> assertThat(peer.acceptedFor(to))
                .as("order for " + to).containsExactlyElementsOf(commands.stream()
                        .filter(c -> c.getRecipient().equals(to)).map(SendCommand::getMessageId).toList()));
    }

    private long attempts(SendCommand command) {
        return env.eventsOf(command.getMessageId()).stream().filter(e -> e.getType() == MessageEventType.ATTEMPT)
                .count();
    }

    private boolean has(SendCommand command, MessageEventType type) {
        return env.eventsOf(command.getMessageId()).stream().anyMatch(e -> e.getType() == type);
    }

    /** The first line of the scrape that starts with {@code prefix} and contains every label, or null. */
    private static String line(String metrics, String prefix, String... labels) {
        return metrics.lines().filter(l -> l.startsWith(prefix))
                .filter(l -> java.util.Arrays.stream(labels).allMatch(l::contains)).findFirst().orElse(null);
    }
}

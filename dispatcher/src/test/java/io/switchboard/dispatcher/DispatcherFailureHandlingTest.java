package io.switchboard.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.schemas.avro.AttemptRecord;
import io.switchboard.schemas.avro.DeadLetter;
import io.switchboard.schemas.avro.MessageEvent;
import io.switchboard.schemas.avro.MessageEventType;
import io.switchboard.schemas.avro.MessageKind;
import io.switchboard.schemas.avro.SendCommand;
import io.switchboard.schemas.Topics;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.LoggerFactory;

/**
 * How the dispatcher treats each kind of Cloud API failure, against a real HTTP peer that answers like WhatsApp.
 * Every test uses its own business number, so the peer's behaviour is chosen per test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DispatcherFailureHandlingTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private DispatcherEnvironment env;

    @BeforeAll
    void start() throws Exception {
        logs.start();
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(logs);
        env = new DispatcherEnvironment(Map.of(
                "switchboard.dispatcher.max-attempts", 4,
                "switchboard.dispatcher.backoff-base", "50ms",
                "switchboard.dispatcher.backoff-max", "400ms",
                "switchboard.dispatcher.throttle-backoff-base", "100ms",
                "switchboard.cloud-api.request-timeout", "1s"));
    }

    @AfterAll
    void stop() throws Exception {
        env.close();
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
    }

    @Test
    void aTransientFailureIsRetriedInPlaceKeepingItsKeysOrderWithoutDelayingOtherKeys() throws Exception {
        String number = "200000000000001";
        SendCommand a1 = Commands.text(number, "+447700900001", "Your table is booked");
        SendCommand a2 = Commands.text(number, "+447700900001", "See you at 8");
        SendCommand a3 = Commands.text(number, "+447700900001", "Reply STOP to cancel");
        List<SendCommand> others = List.of(Commands.text(number, "+447700900002", "Hi 1"),
                Commands.text(number, "+447700900002", "Hi 2"), Commands.text(number, "+447700900003", "Hi 3"));
        env.peer.behave(number, (request, attempt) -> {
            if (request.messageId().equals(a1.getMessageId()) && attempt == 1) {
                return new CloudApiPeer.Reply(503, "", 300);
            }
            if (request.messageId().equals(a1.getMessageId()) && attempt == 2) {
                return CloudApiPeer.Reply.error(500, 131000, "Something went wrong", "Try again").after(300);
            }
            return CloudApiPeer.Reply.accepted(CloudApiPeer.newWamid(), request.to(), 0);
        });

        env.send(List.of(a1, a2, a3, others.get(0), others.get(1), others.get(2)));

        await().atMost(WAIT).until(() -> hasEvent(a3, MessageEventType.SENT));
        List<MessageEvent> a1Events = env.eventsOf(a1.getMessageId());
        assertThat(a1Events).extracting(MessageEvent::getType).containsExactly(MessageEventType.ATTEMPT,
                MessageEventType.ATTEMPT, MessageEventType.SENT);
        assertThat(a1Events.get(0).getError().getTitle()).isEqualTo("HTTP 503");
        assertThat(a1Events.get(1).getError().getCode()).isEqualTo(131000);
        assertThat(a1Events.get(2).getWamid()).isEqualTo(env.peer.wamidOf(a1.getMessageId()));
        assertThat(a1Events.get(2).getAttempt()).isEqualTo(3);
        assertThat(env.peer.receivedFrom(number).stream().filter(r -> r.to().equals("+447700900001"))
                .map(CloudApiPeer.Received::messageId)).as("key order at the peer").containsExactly(
                a1.getMessageId(), a1.getMessageId(), a1.getMessageId(), a2.getMessageId(), a3.getMessageId());
        long a1Success = env.peer.receivedFrom(number).stream()
                .filter(r -> r.messageId().equals(a1.getMessageId())).mapToLong(CloudApiPeer.Received::sequence)
                .max().orElseThrow();
        assertThat(others).allSatisfy(o -> assertThat(env.peer.receivedFrom(number).stream()
                .filter(r -> r.messageId().equals(o.getMessageId())).findFirst().orElseThrow().sequence())
                .as("other keys reach the peer while the first key waits for its retry").isLessThan(a1Success));
    }

    @Test
    void aThrottledMessageIsRetriedAfterABackoffAndSent() throws Exception {
        String number = "200000000000002";
        SendCommand command = Commands.text(number, "+447700900010", "Flash sale starts now");
        env.peer.behave(number, (request, attempt) -> attempt == 1
                ? CloudApiPeer.Reply.error(400, 130429, "Rate limit hit", "Cloud API message throughput has been reached.")
                : CloudApiPeer.Reply.accepted(CloudApiPeer.newWamid(), request.to(), 0));

        env.send(List.of(command));

        await().atMost(WAIT).until(() -> hasEvent(command, MessageEventType.SENT));
        assertThat(env.eventsOf(command.getMessageId())).extracting(MessageEvent::getType)
                .containsExactly(MessageEventType.ATTEMPT, MessageEventType.SENT);
        assertThat(env.eventsOf(command.getMessageId()).get(0).getError().getReason()).isEqualTo("THROTTLED");
    }

    @Test
    void aPermanentErrorFailsTheMessageWithWhatsAppsCodeAndTextWithoutRetrying() throws Exception {
        String number = "200000000000003";
        SendCommand command = Commands.text(number, "+447700900020", "Hello");
        env.peer.behave(number, (request, attempt) -> CloudApiPeer.Reply.error(400, 131026, "Message undeliverable",
                "Message Undeliverable."));

        env.send(List.of(command));

        await().atMost(WAIT).until(() -> hasEvent(command, MessageEventType.FAILED));
        assertThat(env.eventsOf(command.getMessageId())).singleElement().satisfies(event -> {
            assertThat(event.getAttempt()).isEqualTo(1);
            assertThat(event.getError().getCode()).isEqualTo(131026);
            assertThat(event.getError().getTitle()).isEqualTo("Message undeliverable");
            assertThat(event.getError().getDetail()).isEqualTo("Message Undeliverable.");
            assertThat(event.getError().getReason()).isEqualTo("PERMANENT");
        });
        assertThat(env.peer.requestsFor(command.getMessageId())).isEqualTo(1);
        assertThat(env.deadLettersOf(command.getMessageId())).isEmpty();
    }

    @Test
    void exhaustedRetriesFailTheMessageAndDeadLetterItWithEveryAttempt() throws Exception {
        String number = "200000000000004";
        SendCommand command = Commands.text(number, "+447700900030", "Your code is 829301");
        env.peer.behave(number, (request, attempt) -> CloudApiPeer.Reply.error(503, 131016, "Service unavailable",
                "A service is temporarily unavailable."));

        env.send(List.of(command));

        await().atMost(WAIT).until(() -> !env.deadLettersOf(command.getMessageId()).isEmpty()
                && hasEvent(command, MessageEventType.FAILED));
        MessageEvent failed = env.eventsOf(command.getMessageId()).stream()
                .filter(e -> e.getType() == MessageEventType.FAILED).findFirst().orElseThrow();
        assertThat(failed.getAttempt()).isEqualTo(4);
        assertThat(failed.getError().getCode()).isEqualTo(131016);
        assertThat(failed.getError().getReason()).isEqualTo("RETRIES_EXHAUSTED");
        DeadLetter letter = env.deadLettersOf(command.getMessageId()).get(0);
        assertThat(letter.getCommand()).isEqualTo(command);
        assertThat(letter.getAttempts()).extracting(AttemptRecord::getAttempt).containsExactly(1, 2, 3, 4);
        assertThat(letter.getAttempts()).allSatisfy(attempt -> {
            assertThat(attempt.getOutcome()).isEqualTo("RETRY");
            assertThat(attempt.getError().getCode()).isEqualTo(131016);
        });
        assertThat(letter.getLastError().getReason()).isEqualTo("RETRIES_EXHAUSTED");
        assertThat(env.peer.requestsFor(command.getMessageId())).isEqualTo(4);
    }

    @Test
    void anOperatorListsDeadLettersWithTheirAttemptsAndReplaysOneWhichIsThenSent() throws Exception {
        String number = "200000000000011";
        SendCommand command = Commands.text(number, "+447700900100", "Your invoice is ready");
        AtomicBoolean recovered = new AtomicBoolean();
        env.peer.behave(number, (request, attempt) -> recovered.get()
                ? CloudApiPeer.Reply.accepted(CloudApiPeer.newWamid(), request.to(), 0)
                : CloudApiPeer.Reply.error(503, 131016, "Service unavailable", "A service is temporarily unavailable."));
        env.send(List.of(command));
        await().atMost(WAIT).until(() -> !env.deadLettersOf(command.getMessageId()).isEmpty());

        assertThat(env.call("GET", "/admin/dead-letters", false).statusCode()).isEqualTo(401);
        HttpResponse<String> page = env.call("GET", "/admin/dead-letters?offset=0&limit=20", true);
        assertThat(page.statusCode()).isEqualTo(200);
        JsonNode letters = JSON.readTree(page.body()).get("dead_letters");
        JsonNode mine = null;
        for (JsonNode letter : letters) {
            if (letter.get("message_id").asText().equals(command.getMessageId())) {
                mine = letter;
            }
        }
        assertThat(mine).as("our dead letter among the newest 20").isNotNull();
        assertThat(mine.get("attempts")).hasSize(4);
        assertThat(mine.get("attempts").get(0).get("error").get("code").asInt()).isEqualTo(131016);
        assertThat(mine.get("last_error").get("reason").asText()).isEqualTo("RETRIES_EXHAUSTED");
        assertThat(mine.get("recipient").asText()).doesNotContain("447700900100");
        assertThat(JSON.readTree(env.call("GET", "/admin/dead-letters?offset=0&limit=1", true).body())
                .get("dead_letters")).hasSize(1);

        recovered.set(true);
        HttpResponse<String> replay = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(env.url("/admin/dead-letters/replay")))
                .header("Authorization", "Bearer " + DispatcherEnvironment.ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"message_ids\":[\"" + command.getMessageId()
                        + "\",\"no-such-message\"]}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(replay.statusCode()).isEqualTo(200);
        JsonNode answer = JSON.readTree(replay.body());
        assertThat(answer.get("replayed").toString()).contains(command.getMessageId());
        assertThat(answer.get("not_found").toString()).contains("no-such-message");

        await().atMost(WAIT).until(() -> hasEvent(command, MessageEventType.SENT));
        assertThat(env.peer.requestsFor(command.getMessageId())).isEqualTo(5);
        assertThat(env.eventsOf(command.getMessageId())).filteredOn(e -> e.getType() == MessageEventType.SENT)
                .singleElement().satisfies(e -> assertThat(e.getAttempt()).as("attempts start again").isEqualTo(1));
    }

    @Test
    void anExpiredCommandIsNeverSent() throws Exception {
        String number = "200000000000005";
        SendCommand command = SendCommand.newBuilder(Commands.text(number, "+447700900040", "Offer ends at noon"))
                .setExpiresAt(Instant.now().minusSeconds(60)).build();

        env.send(List.of(command));

        await().atMost(WAIT).until(() -> hasEvent(command, MessageEventType.EXPIRED));
        assertThat(env.eventsOf(command.getMessageId())).singleElement()
                .satisfies(e -> assertThat(e.getError().getReason()).isEqualTo("EXPIRED"));
        assertThat(env.peer.requestsFor(command.getMessageId())).isZero();
    }

    @Test
    void aCommandWhoseContentDoesNotMatchItsKindFailsWithoutCallingWhatsApp() throws Exception {
        SendCommand command = Commands.base(UUID.randomUUID().toString(), "200000000000006", "+447700900050",
                MessageKind.IMAGE).build();

        env.send(List.of(command));

        await().atMost(WAIT).until(() -> hasEvent(command, MessageEventType.FAILED));
        assertThat(env.eventsOf(command.getMessageId())).singleElement()
                .satisfies(e -> assertThat(e.getError().getReason()).isEqualTo("INVALID_COMMAND"));
        assertThat(env.peer.requestsFor(command.getMessageId())).isZero();
    }

    @Test
    void anUnregisteredNumberHaltsOnlyThatNumberItsMessagesWaitAndGoOutOnceAnOperatorClearsTheHalt() throws Exception {
        String number = "200000000000007";
        List<SendCommand> commands = List.of(Commands.text(number, "+447700900060", "Hello"),
                Commands.text(number, "+447700900060", "Your code is 4821"),
                Commands.text(number, "+447700900061", "Welcome"));
        AtomicBoolean tokenRenewed = new AtomicBoolean();
        env.peer.behave(number, (request, attempt) -> tokenRenewed.get()
                ? CloudApiPeer.Reply.accepted(CloudApiPeer.newWamid(), request.to(), 0)
                : CloudApiPeer.Reply.error(400, 133010, "Account not registered", "Phone number is not registered"));

        env.send(commands);

        await().atMost(WAIT).until(() -> hasEvent(commands.get(0), MessageEventType.ATTEMPT));
        int requestsWhenHalted = env.peer.receivedFrom(number).size();
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() ->
                env.peer.receivedFrom(number).size() == requestsWhenHalted);
        assertThat(requestsWhenHalted).as("only requests already under way when the halt began").isLessThanOrEqualTo(2);
        assertThat(commands).allSatisfy(c -> assertThat(env.eventsOf(c.getMessageId()))
                .noneMatch(e -> e.getType() == MessageEventType.FAILED || e.getType() == MessageEventType.SENT));
        assertThat(get("/health").body()).contains("halted").contains(number).contains("133010");
        assertThat(env.call("GET", "/admin/halts", false).statusCode()).isEqualTo(401);
        HttpResponse<String> halts = env.call("GET", "/admin/halts", true);
        assertThat(halts.statusCode()).isEqualTo(200);
        assertThat(halts.body()).contains(number).contains("\"code\":133010");
        assertThat(logs.list).anyMatch(e -> e.getLevel() == Level.ERROR && e.getFormattedMessage().contains("HALT")
                && e.getFormattedMessage().contains(number));

        tokenRenewed.set(true);
        assertThat(env.call("POST", "/admin/halts/" + number + "/clear", false).statusCode()).isEqualTo(401);
        assertThat(env.call("POST", "/admin/halts/" + number + "/clear", true).statusCode()).isEqualTo(200);

        await().atMost(WAIT).untilAsserted(() -> assertThat(commands)
                .allSatisfy(c -> assertThat(hasEvent(c, MessageEventType.SENT)).isTrue()));
        assertThat(env.eventsOf(commands.get(0).getMessageId())).filteredOn(e -> e.getType() == MessageEventType.ATTEMPT)
                .first().satisfies(e -> {
                    assertThat(e.getError().getCode()).isEqualTo(133010);
                    assertThat(e.getError().getReason()).isEqualTo("HALT");
                });
        List<String> order = env.peer.receivedFrom(number).stream().filter(r -> r.to().equals("+447700900060"))
                .filter(r -> tokenRenewed.get()).map(CloudApiPeer.Received::messageId).distinct().toList();
        assertThat(order).containsSubsequence(commands.get(0).getMessageId(), commands.get(1).getMessageId());
        assertThat(env.call("GET", "/admin/halts", true).body()).doesNotContain(number);
    }

    @Test
    void anUnansweredRequestIsNotResentButMarkedInDoubtWithoutCountingAPossibleDuplicate() throws Exception {
        String number = "200000000000008";
        SendCommand command = Commands.text(number, "+447700900070", "Your parcel is out for delivery");
        env.peer.behave(number, (request, attempt) ->
                CloudApiPeer.Reply.accepted(CloudApiPeer.newWamid(), request.to(), 3_000));

        env.send(List.of(command));

        await().atMost(WAIT).until(() -> hasEvent(command, MessageEventType.ATTEMPT));
        assertThat(env.eventsOf(command.getMessageId())).singleElement().satisfies(e ->
                assertThat(e.getError().getReason()).isEqualTo("TIMEOUT_AFTER_WRITE"));
        assertThat(env.redisGet(SentMarkers.key(command.getMessageId()))).isEqualTo("in-doubt");
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() ->
                env.peer.requestsFor(command.getMessageId()) == 1 && env.eventsOf(command.getMessageId()).size() == 1);
        String metrics = get("/prometheus").body();
        assertThat(metrics).containsPattern("dispatcher_in_doubt_total\\S* [1-9]")
                .doesNotContainPattern("dispatcher_possible_duplicates_total\\S* [1-9]");
    }

    @Test
    void aRedeliveredCommandWithASentMarkerIsNotSentAgain() throws Exception {
        String number = "200000000000010";
        SendCommand accepted = Commands.text(number, "+447700900090", "Already with WhatsApp");
        SendCommand inDoubt = Commands.text(number, "+447700900091", "Maybe with WhatsApp");
        SendCommand fresh = Commands.text(number, "+447700900091", "Never sent before");
        String wamid = CloudApiPeer.newWamid();
        env.redisSet(SentMarkers.key(accepted.getMessageId()), wamid);
        env.redisSet(SentMarkers.key(inDoubt.getMessageId()), SentMarkers.IN_DOUBT);

        env.send(List.of(accepted, inDoubt, fresh));

        await().atMost(WAIT).until(() -> hasEvent(fresh, MessageEventType.SENT) && hasEvent(accepted,
                MessageEventType.SENT));
        assertThat(env.eventsOf(accepted.getMessageId())).singleElement().satisfies(e -> {
            assertThat(e.getWamid()).as("re-announced from the marker").isEqualTo(wamid);
            assertThat(e.getAttempt()).isZero();
        });
        assertThat(env.eventsOf(inDoubt.getMessageId())).isEmpty();
        assertThat(env.peer.requestsFor(accepted.getMessageId())).isZero();
        assertThat(env.peer.requestsFor(inDoubt.getMessageId())).isZero();
        assertThat(env.redisGet(SentMarkers.key(fresh.getMessageId())))
                .isEqualTo(env.peer.wamidOf(fresh.getMessageId()));
        assertThat(get("/prometheus").body()).containsPattern("dispatcher_redelivered_skipped_total\\{marker=\"in_doubt\",?\\} [1-9]");
    }

    @Test
    void anUndecodableRecordIsSkippedAndTheCommandsAfterItAreSent() throws Exception {
        SendCommand next = Commands.text("200000000000009", "+447700900080", "After the garbage");
        String key = Topics.sendCommandKey(next.getPhoneNumberId(), next.getRecipient());
        try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, env.kafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(Topics.SEND_COMMANDS.name(), key,
                    "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8))).get();
        }

        env.send(List.of(next));

        await().atMost(WAIT).until(() -> hasEvent(next, MessageEventType.SENT));
        assertThat(get("/prometheus").body()).containsPattern("dispatcher_undecodable_records_total\\S* [1-9]");
        Map<TopicPartition, Long> end = env.endOffsets();
        await().atMost(WAIT).untilAsserted(() -> assertThat(env.committedOffsets())
                .allSatisfy((partition, committed) -> assertThat(committed).isEqualTo(end.get(partition))));
    }

    @Test
    void healthAndPrometheusAreServed() throws Exception {
        HttpResponse<String> health = get("/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"").contains("dispatcher").contains("kafka");

        HttpResponse<String> metrics = get("/prometheus");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("dispatcher_sends_total").contains("dispatcher_inflight")
                .contains("dispatcher_cloudapi_latency_seconds");
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void neitherTheTokenNorAFullPhoneNumberIsEverLogged() {
        assertThat(logs.list).isNotEmpty().noneSatisfy(event -> {
            String line = event.getFormattedMessage()
                    + (event.getThrowableProxy() == null ? "" : event.getThrowableProxy().getMessage());
            assertThat(line).containsAnyOf(DispatcherEnvironment.TOKEN, "447700900");
        });
    }

    private boolean hasEvent(SendCommand command, MessageEventType type) {
        return env.eventsOf(command.getMessageId()).stream().anyMatch(e -> e.getType() == type);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(env.url(path))).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

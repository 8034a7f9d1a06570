package io.switchboard.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.schemas.avro.MessageEvent;
import io.switchboard.schemas.avro.MessageEventType;
import io.switchboard.schemas.avro.SendCommand;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The dispatcher end to end on the happy path: real Kafka, real registry, a real HTTP Cloud API peer answering with
 * wamids after 50-300 ms. 20 conversations of 10 messages each, with max-in-flight low enough to exercise pausing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DispatcherIntegrationTest {

    private static final String[] NUMBERS = {"106540352242922", "106540352242923"};
    private static final int RECIPIENTS_PER_NUMBER = 10;
    private static final int MESSAGES_PER_RECIPIENT = 10;
    private static final int MAX_IN_FLIGHT = 16;

    private DispatcherEnvironment env;

    @BeforeAll
    void start() throws Exception {
        env = new DispatcherEnvironment(Map.of("switchboard.dispatcher.max-in-flight", MAX_IN_FLIGHT));
        for (String number : NUMBERS) {
            env.peer.behave(number, (request, attempt) -> CloudApiPeer.Reply.accepted(CloudApiPeer.newWamid(),
                    request.to(), ThreadLocalRandom.current().nextLong(50, 301)));
        }
    }

    @AfterAll
    void stop() throws Exception {
        env.close();
    }

    @Test
    void everyCommandIsSentOnceInKeyOrderWithBoundedConcurrentCallsAndItsOffsetCommitted() throws Exception {
        Map<String, List<String>> messageIdsByKey = new LinkedHashMap<>();
        List<SendCommand> commands = new ArrayList<>();
        for (int round = 0; round < MESSAGES_PER_RECIPIENT; round++) {
            for (String number : NUMBERS) {
                for (int r = 0; r < RECIPIENTS_PER_NUMBER; r++) {
                    String recipient = "+4915112345" + String.format("%03d", r);
                    SendCommand command = Commands.text(number, recipient, "Order update " + round);
                    commands.add(command);
                    messageIdsByKey.computeIfAbsent(number + ":" + recipient, k -> new ArrayList<>())
                            .add(command.getMessageId());
                }
            }
        }
        env.send(commands);
        Map<TopicPartition, Long> endOffsets = env.endOffsets();

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(commands)
                .allSatisfy(c -> assertThat(env.eventsOf(c.getMessageId()))
                        .anyMatch(e -> e.getType() == MessageEventType.SENT)));

        assertThat(commands).hasSize(200).allSatisfy(command -> {
            List<MessageEvent> events = env.eventsOf(command.getMessageId());
            assertThat(events).as("events of %s", command.getMessageId()).singleElement().satisfies(event -> {
                assertThat(event.getType()).isEqualTo(MessageEventType.SENT);
                assertThat(event.getWamid()).isEqualTo(env.peer.wamidOf(command.getMessageId()));
                assertThat(event.getAttempt()).isEqualTo(1);
                assertThat(event.getPhoneNumberId()).isEqualTo(command.getPhoneNumberId());
            });
            assertThat(env.peer.requestsFor(command.getMessageId())).isEqualTo(1);
        });
        messageIdsByKey.forEach((key, expectedOrder) -> {
            String number = key.substring(0, key.indexOf(':'));
            String recipient = key.substring(key.indexOf(':') + 1);
            List<String> arrivalOrder = env.peer.receivedFrom(number).stream()
                    .filter(r -> r.to().equals(recipient)).map(CloudApiPeer.Received::messageId).toList();
            assertThat(arrivalOrder).as("order at the peer for %s", key).containsExactlyElementsOf(expectedOrder);
        });
        assertThat(env.peer.maxConcurrentRequests()).as("requests open at the peer at once")
                .isGreaterThan(1)
                .as("paused at max-in-flight; one poll may overshoot").isLessThanOrEqualTo(2 * MAX_IN_FLIGHT);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(env.committedOffsets())
                .allSatisfy((partition, committed) -> assertThat(committed)
                        .isGreaterThanOrEqualTo(endOffsets.get(partition)))
                .containsOnlyKeys(endOffsets.keySet()));
    }
}

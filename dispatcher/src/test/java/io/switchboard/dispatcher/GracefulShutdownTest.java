package io.switchboard.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.switchboard.schemas.avro.MessageEventType;
import io.switchboard.schemas.avro.SendCommand;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Stopping one of two dispatcher instances in the middle of a few hundred slow sends: what it had in flight is
 * either finished (SENT published) or handed back and sent by the other instance. Nothing is lost, and every message
 * WhatsApp received twice is accounted for in {@code dispatcher.possible.duplicates}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GracefulShutdownTest {

    private static final String[] NUMBERS = {"400000000000001", "400000000000002", "400000000000003"};

    private DispatcherEnvironment env;
    private EmbeddedServer second;

    @BeforeAll
    void start() throws Exception {
        env = new DispatcherEnvironment(Map.of(
                "switchboard.dispatcher.pacing.default-rate", 200,
                "switchboard.dispatcher.shutdown-timeout", "5s"));
        second = env.startAnotherInstance();
        env.peer.fallback((request, attempt) -> CloudApiPeer.Reply.accepted(CloudApiPeer.newWamid(), request.to(),
                ThreadLocalRandom.current().nextLong(200, 600)));
        await().atMost(Duration.ofSeconds(30)).until(() -> assignedPartitions(env.server) > 0
                && assignedPartitions(second) > 0);
    }

    @AfterAll
    void stop() throws Exception {
        env.close();
    }

    @Test
    void stoppingAnInstanceMidwayLosesNothingAndCountsEveryPossibleDuplicate() throws Exception {
        List<SendCommand> commands = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            commands.add(Commands.text(NUMBERS[i % 3], "+4479470" + String.format("%05d", i % 90), "Update " + i));
        }
        MeterRegistry firstMetrics = env.server.getApplicationContext().getBean(MeterRegistry.class);
        MeterRegistry secondMetrics = second.getApplicationContext().getBean(MeterRegistry.class);
        env.send(commands);
        await().atMost(Duration.ofSeconds(30)).until(() -> env.peer.received().size() >= 60);

        ApplicationContext first = env.server.getApplicationContext();
        long stopping = System.nanoTime();
        first.close();
        Duration stopTook = Duration.ofNanos(System.nanoTime() - stopping);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(commands).allSatisfy(c ->
                assertThat(env.eventsOf(c.getMessageId())).anyMatch(e -> e.getType() == MessageEventType.SENT)));
        assertThat(stopTook).as("shutdown is bounded by shutdown-timeout").isLessThan(Duration.ofSeconds(15));
        assertThat(sent(firstMetrics)).as("sent by the stopped instance").isPositive();
        assertThat(sent(secondMetrics)).as("sent by the instance that stayed").isPositive();
        long receivedTwice = commands.stream().filter(c -> env.peer.requestsFor(c.getMessageId()) > 1).count();
        assertThat(receivedTwice).as("messages WhatsApp received twice, all counted as possible duplicates")
                .isLessThanOrEqualTo((long) (possibleDuplicates(firstMetrics) + possibleDuplicates(secondMetrics)));
    }

    private static int assignedPartitions(EmbeddedServer server) {
        return server.getApplicationContext().getBean(DispatcherRunner.class).dispatcher().assignedPartitions();
    }

    private static double sent(MeterRegistry registry) {
        Counter counter = registry.find("dispatcher.messages").tag("result", "sent").counter();
        return counter == null ? 0 : counter.count();
    }

    private static double possibleDuplicates(MeterRegistry registry) {
        return registry.find("dispatcher.possible.duplicates").counters().stream().mapToDouble(Counter::count).sum();
    }
}

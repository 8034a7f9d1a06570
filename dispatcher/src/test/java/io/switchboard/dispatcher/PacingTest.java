package io.switchboard.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.runtime.server.EmbeddedServer;
import io.switchboard.schemas.avro.MessageEventType;
import io.switchboard.schemas.avro.SendCommand;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Pacing per business number with two dispatcher instances in one consumer group, sharing Redis: the peer records
 * when each request arrives, and no one-second window may hold more than the number's budget plus 5%. The peer and
 * both instances share one JVM on a busy machine, so the instances are warmed up first.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PacingTest {

    private static final String FAST = "300000000000001";
    private static final String SLOW = "300000000000002";
    private static final String LOWERED = "300000000000003";
    private static final String PAIRED = "300000000000004";
    private static final String WARM_UP = "300000000000005";

    private DispatcherEnvironment env;
    private EmbeddedServer second;

    @BeforeAll
    void start() throws Exception {
        env = new DispatcherEnvironment(Map.of(
                "switchboard.dispatcher.pacing.rates." + FAST, 100,
                "switchboard.dispatcher.pacing.rates." + SLOW, 40,
                "switchboard.dispatcher.pacing.rates." + LOWERED, 100,
                "switchboard.dispatcher.pacing.recovery-per-second", 20,
                "switchboard.dispatcher.throttle-backoff-base", "200ms"));
        second = env.startAnotherInstance();
        env.peer.fallback((request, attempt) -> CloudApiPeer.Reply.accepted(CloudApiPeer.newWamid(), request.to(),
                ThreadLocalRandom.current().nextLong(5, 40)));
        await().atMost(Duration.ofSeconds(30)).until(() -> assignedPartitions(env.server) > 0
                && assignedPartitions(second) > 0);
        // Warm up both instances (JIT, pooled connections to the peer): a cold HTTP client's first requests are held
        // up for 100-200 ms and then arrive together, which says nothing about pacing in a running service.
        List<SendCommand> warmUp = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            warmUp.add(Commands.text(WARM_UP, "+4479469" + String.format("%05d", i), "Warm-up " + i));
        }
        env.send(warmUp);
        awaitAllSent(warmUp, Duration.ofSeconds(60));
    }

    @AfterAll
    void stop() throws Exception {
        env.close();
    }

    @Test
    void twoInstancesKeepEachNumberWithinItsOwnBudgetInEverySecond() throws Exception {
        List<SendCommand> commands = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            commands.add(Commands.text(FAST, "+4479460" + String.format("%05d", i % 60), "Flash sale " + i));
        }
        for (int i = 0; i < 200; i++) {
            commands.add(Commands.text(SLOW, "+4479461" + String.format("%05d", i % 20), "Reminder " + i));
        }
        env.send(commands);

        awaitAllSent(commands, Duration.ofSeconds(60));
        assertThat(env.peer.maxPerSecond(FAST)).as("most requests in one second, budget 100")
                .isBetween(85, 105);
        assertThat(env.peer.maxPerSecond(SLOW)).as("most requests in one second, budget 40").isBetween(35, 42);
        assertThat(sent(env.server)).as("sent by the first instance").isPositive();
        assertThat(sent(second)).as("sent by the second instance").isPositive();
    }

    @Test
    void aThroughputErrorLowersTheNumbersRateWhichThenRecovers() throws Exception {
        AtomicInteger seen = new AtomicInteger();
        AtomicLong cut = new AtomicLong();
        env.peer.behave(LOWERED, (request, attempt) -> {
            if (seen.incrementAndGet() == 150) {
                cut.set(request.arrivedNanos());
                return CloudApiPeer.Reply.error(400, 130429, "Rate limit hit",
                        "Cloud API message throughput has been reached.");
            }
            return CloudApiPeer.Reply.accepted(CloudApiPeer.newWamid(), request.to(), 10);
        });
        List<SendCommand> commands = new ArrayList<>();
        for (int i = 0; i < 700; i++) {
            commands.add(Commands.text(LOWERED, "+4479462" + String.format("%05d", i % 70), "Campaign " + i));
        }
        env.send(commands);

        awaitAllSent(commands, Duration.ofSeconds(60));
        long lowered = env.peer.arrivalsInSecond(LOWERED, cut.get() + Duration.ofMillis(250).toNanos());
        long recovered = env.peer.arrivalsInSecond(LOWERED, cut.get() + Duration.ofSeconds(3).toNanos());
        assertThat(lowered).as("requests in the second after the 130429 (95/s halved, +20/s)")
                .isBetween(45L, 80L);
        assertThat(recovered).as("requests in a second once the rate recovered").isBetween(85L, 105L);
        assertThat(env.peer.maxPerSecond(LOWERED)).isLessThanOrEqualTo(105);
    }

    @Test
    void aPairRateLimitDelaysOnlyThatRecipientAndKeepsItsOrder() throws Exception {
        String limited = "+447946300001";
        env.peer.behave(PAIRED, (request, attempt) -> request.to().equals(limited) && attempt == 1
                && request.body().path("text").path("body").asText().equals("First")
                ? CloudApiPeer.Reply.error(400, 131056, "(Business Account, Consumer Account) pair rate limit hit",
                        "Message failed to send because there were too many messages sent from this phone number "
                                + "to the same phone number in a short period of time.")
                : CloudApiPeer.Reply.accepted(CloudApiPeer.newWamid(), request.to(), 5));
        List<SendCommand> mine = List.of(Commands.text(PAIRED, limited, "First"),
                Commands.text(PAIRED, limited, "Second"), Commands.text(PAIRED, limited, "Third"));
        List<SendCommand> others = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            others.add(Commands.text(PAIRED, "+4479464" + String.format("%05d", i), "Hello " + i));
        }
        List<SendCommand> all = new ArrayList<>(mine);
        all.addAll(others);
        env.send(all);

        awaitAllSent(all, Duration.ofSeconds(30));
        List<CloudApiPeer.Received> toLimited = env.peer.receivedFrom(PAIRED).stream()
                .filter(r -> r.to().equals(limited)).toList();
        assertThat(toLimited).extracting(CloudApiPeer.Received::messageId).containsExactly(
                mine.get(0).getMessageId(), mine.get(0).getMessageId(), mine.get(1).getMessageId(),
                mine.get(2).getMessageId());
        assertThat(toLimited.get(1).arrivedNanos() - toLimited.get(0).arrivedNanos())
                .as("4^0 s after the first 131056").isGreaterThanOrEqualTo(Duration.ofMillis(1_000).toNanos());
        long lastOther = env.peer.receivedFrom(PAIRED).stream().filter(r -> !r.to().equals(limited))
                .mapToLong(CloudApiPeer.Received::arrivedNanos).max().orElseThrow();
        assertThat(lastOther).as("other recipients finished before the limited one was retried")
                .isLessThan(toLimited.get(1).arrivedNanos());
        assertThat(env.eventsOf(mine.get(0).getMessageId())).extracting(e -> e.getType())
                .containsExactly(MessageEventType.ATTEMPT, MessageEventType.SENT);
    }

    private void awaitAllSent(List<SendCommand> commands, Duration atMost) {
        await().atMost(atMost).untilAsserted(() -> assertThat(commands).allSatisfy(c ->
                assertThat(env.eventsOf(c.getMessageId())).anyMatch(e -> e.getType() == MessageEventType.SENT)));
    }

    private static int assignedPartitions(EmbeddedServer server) {
        return server.getApplicationContext().getBean(DispatcherRunner.class).dispatcher().assignedPartitions();
    }

    private static double sent(EmbeddedServer server) {
        var counter = server.getApplicationContext().getBean(MeterRegistry.class).find("dispatcher.messages")
                .tag("result", "sent").counter();
        return counter == null ? 0 : counter.count();
    }
}

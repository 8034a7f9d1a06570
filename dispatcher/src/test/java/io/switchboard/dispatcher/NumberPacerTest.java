package io.switchboard.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.switchboard.testkit.RedisTestServer;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The shared per-number pace against a real Redis: two pacers stand for two dispatcher instances. */
class NumberPacerTest {

    private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(1);
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
        timers.shutdownNow();
    }

    private NumberPacer pacer(String uri, PacingProperties properties) {
        RedisClient client = RedisClient.create();
        RedisConnector connector = new RedisConnector(client, RedisURI.create(uri), Duration.ofSeconds(1));
        closeables.add(client::shutdown);
        closeables.add(connector);
        return new NumberPacer(connector, properties, timers);
    }

    private static PacingProperties budget(String number, int rate) {
        PacingProperties properties = new PacingProperties();
        properties.setRates(Map.of(number, rate));
        properties.setRecoveryPerSecond(50);
        properties.setHeadroom(0);
        return properties;
    }

    @Test
    void twoInstancesTogetherGetNoMoreSlotsInAnySecondThanTheNumbersBudget() throws Exception {
        String number = "1" + System.nanoTime();
        PacingProperties properties = budget(number, 100);
        NumberPacer one = pacer(RedisTestServer.shared().uri(), properties);
        NumberPacer two = pacer(RedisTestServer.shared().uri(), properties);
        ConcurrentLinkedQueue<Long> slots = new ConcurrentLinkedQueue<>();
        List<CompletableFuture<PaceSlot>> all = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            for (NumberPacer pacer : List.of(one, two)) {
                CompletableFuture<PaceSlot> slot = pacer.acquire(number);
                slot.thenAccept(granted -> slots.add(granted.at()));
                all.add(slot);
            }
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

        long[] times = slots.stream().mapToLong(Long::longValue).sorted().toArray();
        assertThat(times).hasSize(300);
        assertThat(maxInOneSecond(times)).isBetween(95, 105);
        assertThat(times[299] - times[0]).as("300 slots at 100/s span about 3 s")
                .isGreaterThan(Duration.ofMillis(2_800).toNanos());
    }

    @Test
    void everySlotMayBeUsedLateOnlyWithinTheNumbersTolerance() throws Exception {
        String number = "4" + System.nanoTime();
        PacingProperties properties = budget(number, 100);
        NumberPacer pacer = pacer(RedisTestServer.shared().uri(), properties);

        for (int i = 0; i < 20; i++) {
            PaceSlot slot = pacer.acquire(number).get(5, TimeUnit.SECONDS);
            assertThat(slot.latest() - slot.at()).isBetween(PacingProperties.MIN_TOLERANCE_NANOS,
                    properties.lateToleranceNanos(number));
        }
    }

    @Test
    void sendsArePacedAtTheBudgetLessTheHeadroom() {
        PacingProperties properties = new PacingProperties();
        properties.setRates(Map.of("106540352242922", 1_000, "106540352242923", 5_000));

        assertThat(properties.pacedRateOf("106540352242922")).isEqualTo(950.0);
        assertThat(properties.budgetOf("106540352242923")).as("WhatsApp's highest tier").isEqualTo(1_000);
        assertThat(properties.pacedRateOf("any other number")).isEqualTo(76.0);
    }

    @Test
    void aThroughputErrorHalvesTheRateOnceThenTheRateRecoversToTheBudget() throws Exception {
        String number = "2" + System.nanoTime();
        NumberPacer pacer = pacer(RedisTestServer.shared().uri(), budget(number, 100));

        assertThat(pacer.slowDown(number).get()).isEqualTo(50L);
        assertThat(pacer.slowDown(number).get()).as("a second 130429 within the quiet period, not halved again")
                .isBetween(50L, 60L);
        // Recovery of 50 a second: the budget is back after a second, and the lowered state is dropped.
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            pacer.acquire(number).get();
            assertThat(exists(NumberPacer.rateKey(number))).isFalse();
        });
    }

    @Test
    void withoutRedisNoSlotIsGrantedAndHealthSaysSoUntilRedisIsBack() throws Exception {
        String number = "3" + System.nanoTime();
        RedisTestServer server = RedisTestServer.start();
        int port = server.port();
        Path executable = server.executable();
        NumberPacer pacer = pacer(server.uri(), budget(number, 100));
        assertThat(pacer.acquire(number).get()).isNotNull();
        server.close();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThatThrownBy(() -> pacer.acquire(number).get(2, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class);
            assertThat(pacer.reachable()).isFalse();
        });

        Path dir = Files.createTempDirectory("redis-again-");
        Process again = new ProcessBuilder(executable.toString(), "--port", String.valueOf(port), "--bind",
                "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString())
                .redirectOutput(new File(dir.toFile(), "out.log")).redirectErrorStream(true).start();
        closeables.add(again::destroyForcibly);
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> {
            assertThat(pacer.acquire(number).get(2, TimeUnit.SECONDS)).isNotNull();
            assertThat(pacer.reachable()).isTrue();
        });
    }

    private static boolean exists(String key) {
        RedisClient client = RedisClient.create(RedisTestServer.shared().uri());
        try (var connection = client.connect()) {
            return connection.sync().exists(key) > 0;
        } finally {
            client.shutdown();
        }
    }

    static int maxInOneSecond(long[] sortedNanos) {
        int best = 0;
        for (int first = 0, last = 0; last < sortedNanos.length; last++) {
            while (sortedNanos[last] - sortedNanos[first] >= 1_000_000_000L) {
                first++;
            }
            best = Math.max(best, last - first + 1);
        }
        return best;
    }

}

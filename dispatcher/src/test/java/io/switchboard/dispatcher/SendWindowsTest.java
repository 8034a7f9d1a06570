package io.switchboard.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A paced slot that fired late is still used while this instance's one-second window of the number has room, never
 * past its late limit (issue 6); the window keeps one instance's sends of a number within its paced rate in every
 * second however late its timers are, and the late limit keeps several instances within the budget plus 5%.
 * Checked on simulated timers (no clock involved).
 */
class SendWindowsTest {

    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000 * MS;

    private static PacingProperties budget(int rate) {
        PacingProperties properties = new PacingProperties();
        properties.setRates(Map.of("n", rate));
        return properties;
    }

    @Test
    void aNumberGetsItsPacedRateOfSendsInOneSecondAndTheNextWaitsUntilTheOldestIsASecondOld() {
        SendWindows windows = new SendWindows(budget(80));
        assertThat(windows.limitOf("n")).isEqualTo(76);

        for (int i = 0; i < 76; i++) {
            assertThat(windows.tryTake("n", i * MS)).isZero();
        }
        assertThat(windows.tryTake("n", 500 * MS)).isEqualTo(500 * MS);
        assertThat(windows.tryTake("n", SECOND)).as("the first send left the window").isZero();
        assertThat(windows.tryTake("n", SECOND)).isEqualTo(MS);
    }

    @Test
    void numbersHaveWindowsOfTheirOwnAndEvenTheSmallestBudgetSendsOnce() {
        PacingProperties properties = budget(1);
        properties.setDefaultRate(80);
        SendWindows windows = new SendWindows(properties);

        assertThat(windows.limitOf("n")).isEqualTo(1);
        assertThat(windows.tryTake("n", 0)).isZero();
        assertThat(windows.tryTake("n", 0)).isPositive();
        assertThat(windows.tryTake("other", 0)).isZero();
    }

    @Test
    void aLateSlotIsUsedWhenTheWindowHasRoomWaitsForRoomWithinItsLimitAndIsTakenAgainPastIt() {
        SendWindows windows = new SendWindows(budget(80));
        PaceSlot slot = new PaceSlot(0, 20 * MS, 100 * MS);

        assertThat(windows.release("n", slot, 60 * MS)).as("late, but room").isZero();
        assertThat(windows.release("n", slot, 101 * MS)).as("past its limit").isEqualTo(-1);

        for (int i = 1; i < 76; i++) {
            windows.tryTake("n", 60 * MS + i);
        }
        PaceSlot next = new PaceSlot(SECOND, SECOND + 20 * MS, SECOND + 100 * MS);
        assertThat(windows.release("n", next, SECOND)).as("room once the first send is a second old")
                .isEqualTo(60 * MS);
        assertThat(windows.release("n", next, SECOND + 60 * MS)).isZero();
        PaceSlot crowded = new PaceSlot(SECOND, SECOND + 20 * MS, SECOND + 50 * MS);
        assertThat(windows.release("n", crowded, SECOND + 40 * MS)).as("no room before its limit").isEqualTo(-1);
    }

    @Test
    void withoutALateLimitAnOnTimeSlotGoesAndALateOneIsTakenAgainWithoutTheWindow() {
        SendWindows windows = new SendWindows(budget(80));
        for (int i = 0; i < 76; i++) {
            windows.tryTake("n", i * MS);
        }
        PaceSlot slot = new PaceSlot(100 * MS, 120 * MS);

        assertThat(windows.release("n", slot, 110 * MS)).as("on time: the rule before issue 6").isZero();
        assertThat(windows.release("n", slot, 121 * MS)).isEqualTo(-1);
    }

    @Test
    void theLateLimitIsTheToleranceByDefaultAndWhenConfiguredNeverBeyondTheAllowance() {
        PacingProperties properties = budget(80);
        assertThat(properties.lateLimitNanos("n")).as("off: the tolerance alone, as before issue 6")
                .isEqualTo(properties.lateToleranceNanos("n"));

        properties.setLateLimit(Duration.ofMillis(50));
        assertThat(properties.lateLimitNanos("n")).isEqualTo(Duration.ofMillis(50).toNanos());

        properties.setLateLimit(Duration.ofSeconds(1));
        assertThat(properties.lateLimitNanos("n")).isEqualTo(properties.lateAllowanceNanos("n"));
    }

    @Test
    void oneInstanceStaysWithinItsPacedRateInEverySecondHoweverLateItsTimersFire() {
        PacingProperties properties = budget(80);
        properties.setLateLimit(Duration.ofSeconds(1));
        List<Long> sends = simulate(properties, 1, new Random(6), 150 * MS);

        assertThat(NumberPacerTest.maxInOneSecond(sorted(sends))).isLessThanOrEqualTo(76);
        assertThat(sends.size()).as("most late slots are used, not thrown away").isGreaterThan(1_500);
    }

    @Test
    void twoInstancesStayWithinTheBudgetPlusFivePercentWhenTheirSlotsAreAsLateAsTheLimit() {
        for (int rate : new int[] {10, 80, 250, 1_000}) {
            PacingProperties properties = budget(rate);
            properties.setLateLimit(Duration.ofSeconds(1));
            List<Long> sends = simulate(properties, 2, new Random(rate), properties.lateLimitNanos("n"));

            assertThat(NumberPacerTest.maxInOneSecond(sorted(sends))).as("budget %d/s", rate)
                    .isLessThanOrEqualTo((int) Math.floor(rate * 1.05 + 1e-9));
        }
    }

    /**
     * 30 s of the number's slots, dealt in turn to {@code instances} instances with windows of their own; each timer
     * fires up to {@code maxLateness} late (a third of them on time); a slot past its limit is dropped, as the
     * dispatcher then takes a fresh one. Answers the times the sends went out.
     */
    private static List<Long> simulate(PacingProperties properties, int instances, Random random, long maxLateness) {
        long interval = (long) Math.ceil(1_000_000 / properties.pacedRateOf("n")) * 1_000;
        long tolerance = properties.lateToleranceNanos("n");
        long limit = properties.lateLimitNanos("n");
        List<SendWindows> windows = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            windows.add(new SendWindows(properties));
        }
        PriorityQueue<long[]> timers = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
        long slots = 30 * SECOND / interval;
        for (long i = 0; i < slots; i++) {
            long late = random.nextInt(3) == 0 ? 0 : (long) (random.nextDouble() * maxLateness);
            timers.add(new long[] {i * interval + late, i * interval, i % instances});
        }
        List<Long> sends = new ArrayList<>();
        while (!timers.isEmpty()) {
            long[] timer = timers.poll();
            PaceSlot slot = new PaceSlot(timer[1], timer[1] + tolerance, timer[1] + limit);
            long wait = windows.get((int) timer[2]).release("n", slot, timer[0]);
            if (wait == 0) {
                sends.add(timer[0]);
            } else if (wait > 0) {
                timers.add(new long[] {timer[0] + wait, timer[1], timer[2]});
            }
        }
        return sends;
    }

    private static long[] sorted(List<Long> times) {
        return times.stream().mapToLong(Long::longValue).sorted().toArray();
    }
}

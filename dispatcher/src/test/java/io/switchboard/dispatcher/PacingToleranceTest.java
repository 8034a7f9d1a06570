package io.switchboard.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How late a paced send may go out (issue 6) while no second holds more than the budget plus 5% (issue 4): computed,
 * then checked against the worst case of every budget from 1 to 1,000.
 */
class PacingToleranceTest {

    private static PacingProperties budget(int rate) {
        PacingProperties properties = new PacingProperties();
        properties.setRates(Map.of("n", rate));
        return properties;
    }

    @Test
    void theDefaultHeadroomLetsASendBeAbout105MillisecondsLateAt80PerSecondOfWhich20AreUsed() {
        PacingProperties properties = budget(80);

        // 84 sends allowed in a second, slots 13,158 µs apart (76/s): 84 x 13.158 ms - 1 s.
        assertThat(properties.lateAllowanceNanos("n")).isEqualTo(84L * 13_158_000 - 1_000_000_000L);
        assertThat(properties.lateToleranceNanos("n")).isEqualTo(Duration.ofMillis(20).toNanos());
    }

    @Test
    void smallBudgetsGetAboutHalfTheLatenessOfLargeOnes() {
        assertThat(budget(10).lateAllowanceNanos("n")).isBetween(Duration.ofMillis(52).toNanos(),
                Duration.ofMillis(53).toNanos());
        assertThat(budget(1_000).lateAllowanceNanos("n")).isBetween(Duration.ofMillis(105).toNanos(),
                Duration.ofMillis(106).toNanos());
    }

    @Test
    void aConfiguredToleranceIsHonouredButNeverBeyondWhatTheBudgetAllows() {
        PacingProperties properties = budget(80);
        properties.setLateTolerance(Duration.ofMillis(50));
        assertThat(properties.lateToleranceNanos("n")).isEqualTo(Duration.ofMillis(50).toNanos());

        properties.setLateTolerance(Duration.ofSeconds(1));
        assertThat(properties.lateToleranceNanos("n")).isEqualTo(properties.lateAllowanceNanos("n"));
    }

    @Test
    void withoutHeadroomASmallBudgetLeavesNoLatenessButASlotStaysUsableForAMillisecond() {
        PacingProperties properties = budget(10);
        properties.setHeadroom(0);

        assertThat(properties.lateAllowanceNanos("n")).isZero();
        assertThat(properties.lateToleranceNanos("n")).isEqualTo(PacingProperties.MIN_TOLERANCE_NANOS);
    }

    @Test
    void everyBudgetStaysWithinFivePercentInEverySecondWhenSendsAreAsLateAsAllowed() {
        for (int rate = 1; rate <= 1_000; rate++) {
            PacingProperties properties = budget(rate);
            long interval = (long) Math.ceil(1_000_000 / properties.pacedRateOf("n")) * 1_000;
            long late = properties.lateAllowanceNanos("n");
            long limit = (long) Math.floor(rate * 1.05 + 1e-9);
            // Worst case: the first slot's send is as late as allowed, every later one on time, so one second
            // starting at that send collects the most slots.
            long[] sends = new long[(int) limit + 3];
            for (int i = 0; i < sends.length; i++) {
                sends[i] = i * interval + (i == 0 ? late : 0);
            }
            Arrays.sort(sends);
            assertThat(NumberPacerTest.maxInOneSecond(sends)).as("budget %d/s", rate).isLessThanOrEqualTo((int) limit);
        }
    }

    @Test
    void aSlotIsUsableUntilItsLatestTimeAndNotAfter() {
        PaceSlot slot = new PaceSlot(1_000, 1_500);

        assertThat(slot.usableAt(900)).isTrue();
        assertThat(slot.usableAt(1_500)).isTrue();
        assertThat(slot.usableAt(1_501)).isFalse();
    }
}

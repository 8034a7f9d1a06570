package io.switchboard.bench.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RateScheduleTest {

    @Test
    void requestsAreSpacedOneOverTheRateFromTheStart() {
        RateSchedule schedule = new RateSchedule(1_000, 4, 10);

        assertThat(schedule.intendedNanos(0)).isEqualTo(1_000);
        assertThat(schedule.intendedNanos(1)).isEqualTo(1_000 + 250_000_000L);
        assertThat(schedule.intendedNanos(8)).isEqualTo(1_000 + 2_000_000_000L);
    }

    @Test
    void dueCountsEveryRequestWhoseIntendedStartHasPassed() {
        RateSchedule schedule = new RateSchedule(0, 1_000, 100);

        assertThat(schedule.dueBy(-1)).isZero();
        assertThat(schedule.dueBy(0)).isEqualTo(1);
        assertThat(schedule.dueBy(999_999)).isEqualTo(1);
        assertThat(schedule.dueBy(1_000_000)).isEqualTo(2);
        assertThat(schedule.dueBy(10_500_000)).isEqualTo(11);
    }

    @Test
    void aStalledSenderFindsEveryMissedRequestDueAtOnceWithItsOriginalIntendedTime() {
        RateSchedule schedule = new RateSchedule(0, 100, 1_000);

        // The sender wakes up a whole second late: 101 requests are due, the last one intended at exactly 1 s.
        assertThat(schedule.dueBy(1_000_000_000L)).isEqualTo(101);
        assertThat(schedule.intendedNanos(50)).isEqualTo(500_000_000L);
    }

    @Test
    void dueNeverExceedsTheTotal() {
        RateSchedule schedule = RateSchedule.forDuration(0, 10, 2);

        assertThat(schedule.total()).isEqualTo(20);
        assertThat(schedule.dueBy(60_000_000_000L)).isEqualTo(20);
    }

    @Test
    void fractionalRatesKeepTheirAverage() {
        RateSchedule schedule = new RateSchedule(0, 3, 300);

        assertThat(schedule.dueBy(10_000_000_000L)).isEqualTo(31);
        assertThat(schedule.intendedNanos(1)).isEqualTo(333_333_333L);
    }

    @Test
    void aRateOfZeroIsRefused() {
        assertThatThrownBy(() -> new RateSchedule(0, 0, 10)).isInstanceOf(IllegalArgumentException.class);
    }
}

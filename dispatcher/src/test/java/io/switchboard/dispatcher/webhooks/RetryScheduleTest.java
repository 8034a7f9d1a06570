package io.switchboard.dispatcher.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    private static final List<Duration> STANDARD = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5),
            Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10),
            Duration.ofHours(10));
    private final RetrySchedule schedule = new RetrySchedule(STANDARD);
    private final Instant first = Instant.parse("2025-12-23T14:30:00Z");

    @Test
    void aParkedEventWithoutAttemptsIsDueAtOnce() {
        assertThat(schedule.nextAttemptAt(0, null)).contains(Instant.EPOCH);
    }

    @Test
    void dueTimesCountFromTheFirstAttemptSoARestartRecomputesThemFromTheRecordAlone() {
        assertThat(schedule.nextAttemptAt(1, first)).contains(first.plusSeconds(5));
        assertThat(schedule.nextAttemptAt(2, first)).contains(first.plusSeconds(5 + 300));
        assertThat(schedule.nextAttemptAt(7, first)).contains(first.plus(schedule.total()));
    }

    @Test
    void theEventIsGivenUpAfterTheLastStepWhichIsMoreThanADayAfterTheFirstAttempt() {
        assertThat(schedule.nextAttemptAt(8, first)).isEmpty();
        assertThat(schedule.total()).isGreaterThan(Duration.ofHours(24));
    }
}

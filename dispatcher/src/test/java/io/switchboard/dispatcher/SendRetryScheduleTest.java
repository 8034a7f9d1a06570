package io.switchboard.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.dispatcher.SendRetrySchedule.Step.Kind;
import io.switchboard.schemas.avro.ErrorInfo;
import io.switchboard.schemas.avro.SendCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The retry schedule, table-driven with the jitter drawn at its highest: (verdict, attempts made, time left of the
 * message's validity) → retry after how long, in place or parked; give up; or leave in doubt. Defaults: backoff
 * 200 ms doubling to 5 min, throttles from 2 s, park-after 2 s, no attempt cap.
 */
class SendRetryScheduleTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:15:30Z");
    private static final Classification RETRY = verdict(SendAction.RETRY, "TRANSIENT", false, 131016);
    private static final Classification LIMITED = verdict(SendAction.RETRY, "UNKNOWN_CODE", true, 999999);
    private static final Classification THROTTLE = verdict(SendAction.THROTTLE, "THROTTLED", false, 131048);
    private static final Classification PAIR = verdict(SendAction.THROTTLE, "THROTTLED", false, 131056);
    private static final Classification AMBIGUOUS = verdict(SendAction.AMBIGUOUS, "TIMEOUT_AFTER_WRITE", false, null);
    private static final Duration DAY = Duration.ofHours(24);

    static Stream<Arguments> steps() {
        return Stream.of(
                // verdict, attempts made, pair wait, validity left, kind, delay, parked
                Arguments.of(RETRY, 1, null, DAY, Kind.RETRY, Duration.ofMillis(200), false),
                Arguments.of(RETRY, 4, null, DAY, Kind.RETRY, Duration.ofMillis(1600), false),
                Arguments.of(RETRY, 5, null, DAY, Kind.RETRY, Duration.ofMillis(3200), true),
                Arguments.of(RETRY, 11, null, DAY, Kind.RETRY, Duration.ofMillis(204_800), true),
                Arguments.of(RETRY, 12, null, DAY, Kind.RETRY, Duration.ofMinutes(5), true),
                Arguments.of(RETRY, 500, null, DAY, Kind.RETRY, Duration.ofMinutes(5), true),
                // the wait ends when the validity does, when the message then expires
                Arguments.of(RETRY, 12, null, Duration.ofSeconds(90), Kind.RETRY, Duration.ofMillis(90_001), true),
                Arguments.of(RETRY, 1, null, Duration.ofMillis(50), Kind.RETRY, Duration.ofMillis(51), false),
                Arguments.of(RETRY, 3, null, Duration.ofSeconds(-5), Kind.RETRY, Duration.ZERO, false),
                Arguments.of(THROTTLE, 1, null, DAY, Kind.RETRY, Duration.ofSeconds(2), true),
                Arguments.of(PAIR, 1, Duration.ofSeconds(1), DAY, Kind.RETRY, Duration.ofSeconds(1), false),
                Arguments.of(PAIR, 2, Duration.ofSeconds(4), DAY, Kind.RETRY, Duration.ofSeconds(4), true),
                Arguments.of(LIMITED, 2, null, DAY, Kind.RETRY, Duration.ofMillis(400), false),
                Arguments.of(LIMITED, 3, null, DAY, Kind.GIVE_UP, Duration.ZERO, false),
                Arguments.of(AMBIGUOUS, 1, null, DAY, Kind.IN_DOUBT, Duration.ZERO, false));
    }

    @ParameterizedTest(name = "{0} after {1} attempt(s), {3} left: {4} {5} parked={6}")
    @MethodSource("steps")
    void theNextStep(Classification verdict, int attemptsMade, Duration pairWait, Duration left, Kind kind,
            Duration delay, boolean parked) {
        SendRetrySchedule.Step step = schedule(new DispatcherProperties())
                .next(verdict, attemptsMade, attemptsMade == 1 && verdict == AMBIGUOUS ? 1 : 0, pairWait, NOW,
                        NOW.plus(left), Duration.ZERO);

        assertThat(step.kind()).isEqualTo(kind);
        assertThat(step.delay()).isEqualTo(delay);
        assertThat(step.park()).isEqualTo(parked);
    }

    @Test
    void aConfiguredAttemptCapStillGivesUp() {
        DispatcherProperties properties = new DispatcherProperties();
        properties.setMaxAttempts(4);

        assertThat(schedule(properties).next(RETRY, 3, 0, null, NOW, NOW.plus(DAY), Duration.ZERO).kind())
                .isEqualTo(Kind.RETRY);
        assertThat(schedule(properties).next(RETRY, 4, 0, null, NOW, NOW.plus(DAY), Duration.ZERO).kind())
                .isEqualTo(Kind.GIVE_UP);
    }

    @Test
    void shortRetriesAreParkedOnceTheyWouldHoldTheWindowForParkAfterInAll() {
        SendRetrySchedule schedule = schedule(new DispatcherProperties());

        SendRetrySchedule.Step first = schedule.next(RETRY, 4, 0, null, NOW, NOW.plus(DAY), Duration.ZERO);
        SendRetrySchedule.Step later = schedule.next(RETRY, 4, 0, null, NOW, NOW.plus(DAY), Duration.ofMillis(500));

        assertThat(first.park()).as("1.6 s after none held").isFalse();
        assertThat(later.park()).as("1.6 s after 0.5 s held: 2.1 s in all").isTrue();
        assertThat(later.delay()).isEqualTo(Duration.ofMillis(1600));
    }

    @Test
    void aMessageIsValidUntilItsExpiryOrTheDefaultValidityAfterAcceptance() {
        SendRetrySchedule schedule = schedule(new DispatcherProperties());
        SendCommand withExpiry = SendCommand.newBuilder(Commands.text("106540352242922", "+919876543210", "Hi"))
                .setAcceptedAt(NOW).setExpiresAt(NOW.plusSeconds(600)).build();
        SendCommand fromKafka = SendCommand.newBuilder(withExpiry).setExpiresAt(null).build();

        assertThat(schedule.validUntil(withExpiry)).isEqualTo(NOW.plusSeconds(600));
        assertThat(schedule.validUntil(fromKafka)).isEqualTo(NOW.plus(DAY));
        assertThat(schedule.isExpired(withExpiry, NOW.plusSeconds(599))).isFalse();
        assertThat(schedule.isExpired(withExpiry, NOW.plusSeconds(600))).isTrue();
    }

    private static SendRetrySchedule schedule(DispatcherProperties properties) {
        return new SendRetrySchedule(new RetryPolicy(properties, bound -> bound), properties.getDefaultValidity(),
                new ParkingProperties().getParkAfter());
    }

    private static Classification verdict(SendAction action, String reason, boolean limited, Integer code) {
        return new Classification(action, reason, limited, code == null ? null
                : ErrorInfo.newBuilder().setCode(code).setTitle("Error " + code).setReason(reason).build());
    }
}

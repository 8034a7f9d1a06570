package io.switchboard.infrastructure.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.infrastructure.http.ReadDeadlines.Expired;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReadDeadlinesTest {

    private static final long S = 1_000_000_000L;
    private static final HttpLimits LIMITS = HttpLimits.defaults()
            .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(30), 1000, Duration.ofSeconds(60));

    @Test
    void aNewConnectionThatSendsNothingIsClosedAfterTheHeaderTimeoutWithoutAnAnswer() {
        ReadDeadlines deadlines = new ReadDeadlines(LIMITS, 0);

        assertThat(deadlines.check(10 * S)).isEqualTo(Expired.NONE);
        assertThat(deadlines.check(10 * S + 1)).isEqualTo(Expired.HEAD_BEFORE_ANY_BYTE);
    }

    @Test
    void aHeadTrickledByteByByteExpiresTenSecondsAfterItsFirstByte() {
        ReadDeadlines deadlines = new ReadDeadlines(LIMITS, 0);
        deadlines.headDone(0, true);
        deadlines.bytesArrived(100 * S, 1);
        for (int second = 2; second <= 10; second += 2) {
            deadlines.bytesArrived(100 * S + second * S, 1);
        }
        assertThat(deadlines.check(110 * S)).isEqualTo(Expired.NONE);
        assertThat(deadlines.check(110 * S + 1)).isEqualTo(Expired.HEAD);
    }

    @Test
    void aBodyGetsMoreTimeForEveryBytesPerSecondReceived() {
        ReadDeadlines deadlines = new ReadDeadlines(LIMITS, 0);
        deadlines.headDone(0, false);
        deadlines.bytesArrived(1 * S, 5000);

        assertThat(deadlines.check(35 * S)).isEqualTo(Expired.NONE);
        assertThat(deadlines.check(35 * S + 1)).isEqualTo(Expired.BODY);
    }

    @Test
    void anIdleConnectionExpiresAfterTheKeepAliveTimeout() {
        ReadDeadlines deadlines = new ReadDeadlines(LIMITS, 0);
        deadlines.headDone(0, true);

        assertThat(deadlines.check(60 * S)).isEqualTo(Expired.NONE);
        assertThat(deadlines.check(60 * S + 1)).isEqualTo(Expired.IDLE);
    }

    @Test
    void noClockRunsWhileTheServerOwesAnAnswerAndItRestartsWhenTheServerIsDone() {
        ReadDeadlines deadlines = new ReadDeadlines(LIMITS, 0);
        deadlines.headDone(0, true);
        deadlines.counting(0, false);
        deadlines.bytesArrived(1 * S, 10);

        assertThat(deadlines.check(500 * S)).isEqualTo(Expired.NONE);
        deadlines.counting(500 * S, true);
        assertThat(deadlines.check(510 * S)).isEqualTo(Expired.NONE);
        assertThat(deadlines.check(510 * S + 1)).isEqualTo(Expired.HEAD);
    }
}

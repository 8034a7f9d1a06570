package io.switchboard.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PairBackoffTest {

    private static final String PAIR = "106540352242922:+447700900123";

    @Test
    void consecutivePairRateLimitsWaitFourToThePowerXSeconds() {
        PairBackoff backoff = new PairBackoff(Duration.ofMinutes(10));

        assertThat(backoff.next(PAIR)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.next(PAIR)).isEqualTo(Duration.ofSeconds(4));
        assertThat(backoff.next(PAIR)).isEqualTo(Duration.ofSeconds(16));
        assertThat(backoff.next(PAIR)).isEqualTo(Duration.ofSeconds(64));
        assertThat(backoff.next(PAIR)).isEqualTo(Duration.ofSeconds(256));
        assertThat(backoff.next(PAIR)).as("capped").isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void anotherAnswerResetsThePairAndOtherPairsAreUntouched() {
        PairBackoff backoff = new PairBackoff(Duration.ofMinutes(10));
        backoff.next(PAIR);
        backoff.next(PAIR);

        assertThat(backoff.next("106540352242922:+447700900999")).isEqualTo(Duration.ofSeconds(1));
        backoff.reset(PAIR);
        assertThat(backoff.next(PAIR)).isEqualTo(Duration.ofSeconds(1));
    }
}

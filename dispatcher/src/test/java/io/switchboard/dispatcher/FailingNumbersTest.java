package io.switchboard.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.ErrorInfo;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A number is failing after three refused attempts in a row, until an accepted send or a quiet period. */
class FailingNumbersTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:15:30Z");
    private static final ErrorInfo UNAVAILABLE = ErrorInfo.newBuilder().setCode(131016)
            .setTitle("Service unavailable").setReason("TRANSIENT").build();

    @Test
    void threeFailuresInARowMakeANumberFailingUntilASendIsAccepted() {
        FailingNumbers numbers = new FailingNumbers(Duration.ofMinutes(10));
        numbers.failed("106540352242922", UNAVAILABLE, T0);
        numbers.failed("106540352242922", UNAVAILABLE, T0.plusSeconds(1));
        assertThat(numbers.failing(T0.plusSeconds(1))).isEmpty();

        numbers.failed("106540352242922", UNAVAILABLE, T0.plusSeconds(2));

        assertThat(numbers.failing(T0.plusSeconds(2))).singleElement().satisfies(view -> {
            assertThat(view).containsEntry("phone_number_id", "106540352242922").containsEntry("code", 131016)
                    .containsEntry("since", T0.toString()).containsEntry("failed_attempts", 3L);
        });
        assertThat(numbers.count()).isEqualTo(1);
        numbers.succeeded("106540352242922");
        assertThat(numbers.failing(T0.plusSeconds(3))).isEmpty();
    }

    @Test
    void aNumberNoLongerTriedIsForgotten() {
        FailingNumbers numbers = new FailingNumbers(Duration.ofMinutes(10));
        for (int i = 0; i < 3; i++) {
            numbers.failed("106540352242922", UNAVAILABLE, T0);
        }

        assertThat(numbers.failing(T0.plus(Duration.ofMinutes(11)))).isEmpty();
    }
}

package io.switchboard.simulator;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class SendStatsTest {

    private static final String NUMBER = "106540352242922";
    private static final long MS = 1_000_000L;

    private final AtomicLong nanos = new AtomicLong(5_000 * MS);
    private final SendStats stats = new SendStats(nanos::get);

    @Test
    void keepsTheMostAcceptancesSeenInAnyOneSecondSlidingWindow() {
        // 5 sends at t=0..400 ms, 5 more at t=900..1300 ms: every window ending on a send holds 6, none more.
        for (int i = 0; i < 5; i++) {
            stats.accepted(NUMBER, false);
            nanos.addAndGet(100 * MS);
        }
        nanos.addAndGet(400 * MS);
        for (int i = 0; i < 5; i++) {
            stats.accepted(NUMBER, false);
            nanos.addAndGet(100 * MS);
        }
        nanos.addAndGet(-100 * MS);

        SendStats.NumberView view = stats.view().numbers().get(NUMBER);
        assertThat(view.maxPerSecond()).isEqualTo(6);
        assertThat(view.currentRate()).isEqualTo(6);
        assertThat(view.accepted()).isEqualTo(10);

        nanos.addAndGet(2_000 * MS);
        assertThat(stats.view().numbers().get(NUMBER).currentRate()).isZero();
        assertThat(stats.view().numbers().get(NUMBER).maxPerSecond()).isEqualTo(6);
    }

    @Test
    void countsRefusalsPerCodeAndTimeoutsAndStartsOverOnReset() {
        stats.accepted(NUMBER, true);
        stats.refused(NUMBER, 130429);
        stats.refused(NUMBER, 130429);
        stats.refused("106540352242923", 131056);

        SendStats.View view = stats.view();
        assertThat(view.accepted()).isEqualTo(1);
        assertThat(view.timeouts()).isEqualTo(1);
        assertThat(view.refused()).isEqualTo(Map.of("130429", 2L, "131056", 1L));
        assertThat(view.numbers().get(NUMBER).refused()).isEqualTo(Map.of("130429", 2L));

        stats.reset();
        assertThat(stats.view().accepted()).isZero();
        assertThat(stats.view().numbers()).isEmpty();
    }
}

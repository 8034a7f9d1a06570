package io.switchboard.bench.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void errorsAreCountedByKindAndNeverEnterThePercentiles() {
        Stats stats = new Stats("step");
        stats.success(2_000_000);
        stats.error("HTTP 503");
        stats.error("HTTP 503");
        stats.error("timeout", 3);

        Summary s = stats.summary(1);

        assertThat(s.ok()).isEqualTo(1);
        assertThat(s.errors()).isEqualTo(5);
        assertThat(s.errorKinds()).containsEntry("HTTP 503", 2L).containsEntry("timeout", 3L);
        assertThat(s.p("max")).isEqualTo(2.0);
    }

    @Test
    void aBatchCountsEachOfItsUnitsWithTheBatchLatency() {
        Stats stats = new Stats("batched");
        stats.success(5_000_000, 10);

        Summary s = stats.summary(2);

        assertThat(s.ok()).isEqualTo(10);
        assertThat(s.perSecond()).isEqualTo(5.0);
        assertThat(s.p("p50")).isEqualTo(5.0);
    }

    @Test
    void resetForgetsTheWarmUp() {
        Stats stats = new Stats("step");
        stats.success(100_000_000);
        stats.error("x");
        stats.reset();
        stats.success(1_000_000);

        Summary s = stats.summary(1);

        assertThat(s.ok()).isEqualTo(1);
        assertThat(s.errors()).isZero();
        assertThat(s.p("max")).isEqualTo(1.0);
    }
}

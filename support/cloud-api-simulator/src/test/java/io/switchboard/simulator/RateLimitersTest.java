package io.switchboard.simulator;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import static io.switchboard.simulator.RateLimiters.Verdict.ALLOWED;
import static io.switchboard.simulator.RateLimiters.Verdict.PAIR_RATE;
import static io.switchboard.simulator.RateLimiters.Verdict.THROUGHPUT;
import static org.assertj.core.api.Assertions.assertThat;

class RateLimitersTest {

    private static final String NUMBER = "106540352242922";
    private static final String OTHER_NUMBER = "106540352242923";

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final RateLimiters limiters = new RateLimiters(nanos::get);

    @Test
    void letsABurstOfTheNumbersRateThroughThenRefusesWith130429UntilTokensRefill() {
        FaultPlan plan = FaultPlan.defaults();

        List<RateLimiters.Verdict> burst = IntStream.range(0, 81)
                .mapToObj(i -> limiters.acquire(plan, NUMBER, "9198765" + (43210 + i))).toList();

        assertThat(burst.subList(0, 80)).containsOnly(ALLOWED);
        assertThat(burst.get(80)).isEqualTo(THROUGHPUT);
        assertThat(limiters.acquire(plan, OTHER_NUMBER, "919876543210")).isEqualTo(ALLOWED);
        nanos.addAndGet(1_000_000_000L / 80 + 1);
        assertThat(limiters.acquire(plan, NUMBER, "919876500000")).isEqualTo(ALLOWED);
        assertThat(limiters.acquire(plan, NUMBER, "919876500001")).isEqualTo(THROUGHPUT);
    }

    @Test
    void honoursPerNumberRatesForUpgradedAndCoexistenceNumbers() {
        FaultPlan plan = new FaultPlan(null, new FaultPlan.Throughput(true, 80.0,
                Map.of(NUMBER, 1000.0, OTHER_NUMBER, 20.0), null), null, null, null, null, null);

        long upgraded = IntStream.range(0, 1001)
                .filter(i -> limiters.acquire(plan, NUMBER, "91" + (1_000_000_000L + i)) == ALLOWED).count();
        long coexistence = IntStream.range(0, 21)
                .filter(i -> limiters.acquire(plan, OTHER_NUMBER, "91" + (1_000_000_000L + i)) == ALLOWED).count();

        assertThat(upgraded).isEqualTo(1000);
        assertThat(coexistence).isEqualTo(20);
    }

    @Test
    void allowsFortyFiveToOneRecipientThenOnePerSixSecondsWith131056InBetween() {
        FaultPlan plan = FaultPlan.defaults();

        List<RateLimiters.Verdict> burst = IntStream.range(0, 46)
                .mapToObj(i -> limiters.acquire(plan, NUMBER, "919876543210")).toList();

        assertThat(burst.subList(0, 45)).containsOnly(ALLOWED);
        assertThat(burst.get(45)).isEqualTo(PAIR_RATE);
        assertThat(limiters.acquire(plan, NUMBER, "919876543211")).isEqualTo(ALLOWED);
        nanos.addAndGet(5_900_000_000L);
        assertThat(limiters.acquire(plan, NUMBER, "919876543210")).isEqualTo(PAIR_RATE);
        nanos.addAndGet(200_000_000L);
        assertThat(limiters.acquire(plan, NUMBER, "919876543210")).isEqualTo(ALLOWED);
        assertThat(limiters.acquire(plan, NUMBER, "919876543210")).isEqualTo(PAIR_RATE);
    }

    @Test
    void aPairRefusalDoesNotSpendTheNumbersThroughput() {
        FaultPlan plan = new FaultPlan(null, new FaultPlan.Throughput(true, 3.0, null, null),
                new FaultPlan.PairRate(true, 1, 6000L, null), null, null, null, null);

        assertThat(limiters.acquire(plan, NUMBER, "919876543210")).isEqualTo(ALLOWED);
        assertThat(limiters.acquire(plan, NUMBER, "919876543210")).isEqualTo(PAIR_RATE);
        assertThat(limiters.acquire(plan, NUMBER, "919876543210")).isEqualTo(PAIR_RATE);
        assertThat(limiters.acquire(plan, NUMBER, "919876543211")).isEqualTo(ALLOWED);
        assertThat(limiters.acquire(plan, NUMBER, "919876543212")).isEqualTo(ALLOWED);
        assertThat(limiters.acquire(plan, NUMBER, "919876543213")).isEqualTo(THROUGHPUT);
    }

    @Test
    void disabledLimitsLetEverythingThrough() {
        FaultPlan plan = new FaultPlan(null, new FaultPlan.Throughput(false, null, null, null),
                new FaultPlan.PairRate(false, null, null, null), null, null, null, null);

        assertThat(IntStream.range(0, 500).mapToObj(i -> limiters.acquire(plan, NUMBER, "919876543210")))
                .containsOnly(ALLOWED);
    }

    @Test
    void forgetsIdlePairsSoMemoryFollowsActivePairsOnly() {
        FaultPlan plan = new FaultPlan(null, new FaultPlan.Throughput(false, null, null, null), null, null, null,
                null, null);
        IntStream.range(0, 15_000).forEach(i -> limiters.acquire(plan, NUMBER, "91" + (1_000_000_000L + i)));
        assertThat(limiters.trackedPairs()).isEqualTo(15_000);

        // Six seconds later every one of those buckets is full again: newcomers past the threshold prune them.
        nanos.addAndGet(6_000_000_001L);
        IntStream.range(0, 6_000).forEach(i -> limiters.acquire(plan, NUMBER, "92" + (1_000_000_000L + i)));

        assertThat(limiters.trackedPairs()).isEqualTo(6_000);
    }
}

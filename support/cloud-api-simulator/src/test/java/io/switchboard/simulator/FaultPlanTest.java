package io.switchboard.simulator;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultPlanTest {

    private static final String NUMBER = "106540352242922";

    @Test
    void defaultsToMetasRateLimitsAndNoOtherFault() {
        FaultPlan plan = FaultPlan.defaults();

        assertThat(plan.throughput().enabled()).isTrue();
        assertThat(plan.throughput().rateOf(NUMBER)).isEqualTo(80.0);
        assertThat(plan.throughput().httpStatus()).isEqualTo(400);
        assertThat(plan.pairRate().burst()).isEqualTo(45);
        assertThat(plan.pairRate().intervalMs()).isEqualTo(6000L);
        assertThat(plan.errors()).isEmpty();
        assertThat(plan.latency().sample(new Random())).isZero();
        ActiveFaults active = new ActiveFaults(plan);
        assertThat(active.injectedError(NUMBER, "919876543210")).isNull();
        assertThat(active.holdMillis(NUMBER, "919876543210")).isZero();
        assertThat(active.statusFaults(NUMBER, "919876543210"))
                .isEqualTo(new ActiveFaults.StatusFaults(false, false, false, false, null, true, 0));
    }

    @Test
    void drawsLognormalLatenciesAroundTheMedianWithTheGivenP99() {
        FaultPlan.Latency latency = new FaultPlan.Latency("lognormal", 250L, 600L, null, null);
        Random random = new Random(7);

        long[] samples = IntStream.range(0, 20_000).mapToLong(i -> latency.sample(random)).sorted().toArray();

        assertThat(samples[samples.length / 2]).isBetween(235L, 265L);
        assertThat(samples[(int) (samples.length * 0.99)]).isBetween(540L, 660L);
    }

    @Test
    void drawsUniformLatenciesWithinBoundsAndClampsLognormalOnes() {
        Random random = new Random(3);
        FaultPlan.Latency uniform = new FaultPlan.Latency("uniform", null, null, 100L, 200L);
        FaultPlan.Latency clamped = new FaultPlan.Latency("lognormal", 250L, 5000L, 200L, 300L);

        long[] drawn = IntStream.range(0, 2000).mapToLong(i -> uniform.sample(random)).toArray();
        assertThat(Arrays.stream(drawn).min().getAsLong()).isBetween(100L, 110L);
        assertThat(Arrays.stream(drawn).max().getAsLong()).isBetween(190L, 200L);
        assertThat(IntStream.range(0, 2000).mapToLong(i -> clamped.sample(random))).allMatch(v -> v >= 200 && v <= 300);
        assertThat(new FaultPlan.Latency(null, 40L, null, null, null).sample(random)).isEqualTo(40L);
    }

    @Test
    void refusesBadValuesNamingTheField() {
        assertThatThrownBy(() -> new FaultPlan.Throughput(true, 0.0, null, null))
                .hasMessageContaining("throughput.mps");
        assertThatThrownBy(() -> new ErrorRule(131000, 1.5, null, null, null, null, null, null))
                .hasMessageContaining("rate");
        assertThatThrownBy(() -> new ErrorRule(999999, 0.1, null, null, null, null, null, null))
                .hasMessageContaining("title");
        assertThatThrownBy(() -> new FaultPlan.Latency("lognormal", 250L, null, null, null))
                .hasMessageContaining("lognormal");
        assertThatThrownBy(() -> new FaultPlan.Latency("gamma", 250L, null, null, null))
                .hasMessageContaining("distribution");
        assertThatThrownBy(() -> new ErrorRule(null, 0.5, null, null, null, null, null, null))
                .hasMessageContaining("errors[].code");
        assertThatThrownBy(() -> new ErrorRule(131000, null, null, 99, null, null, null, null))
                .hasMessageContaining("http_status");
    }

    @Test
    void aCountedFaultStrikesExactlyTheNextMatchingSends() {
        ErrorRule rule = new ErrorRule(131000, null, 2, null, null, "+919876543210", null, null);
        ActiveFaults active = new ActiveFaults(new FaultPlan(null, null, null, List.of(rule), null, null, null));

        assertThat(active.injectedError(NUMBER, "14155550100")).isNull();
        GraphError first = active.injectedError(NUMBER, "919876543210");
        assertThat(first).isEqualTo(new GraphError(500, 131000, "Something went wrong",
                "Message failed to send due to an unknown error."));
        assertThat(active.injectedError(NUMBER, "919876543210")).isNotNull();
        assertThat(active.injectedError(NUMBER, "919876543210")).isNull();
    }

    @Test
    void aSeededRateReplaysTheSameStrikes() {
        FaultPlan plan = new FaultPlan(42L, null, null,
                List.of(new ErrorRule(131016, 0.3, null, null, NUMBER, null, null, null)), null, null, null);

        List<Boolean> first = strikes(new ActiveFaults(plan));
        List<Boolean> second = strikes(new ActiveFaults(plan));

        assertThat(first).isEqualTo(second);
        assertThat(first.stream().filter(b -> b).count()).isBetween(200L, 400L);
        assertThat(new ActiveFaults(plan).injectedError("106540352242923", "919876543210")).isNull();
    }

    @Test
    void mergesPatchesAsJsonMergePatch() {
        Map<String, Object> merged = Faults.mergePatch(
                Map.of("throughput", Map.of("mps", 80, "enabled", true), "errors", List.of(Map.of("code", 1))),
                new java.util.HashMap<>(Map.of("throughput", Map.of("mps", 5), "errors", List.of())));
        assertThat(merged).isEqualTo(Map.of("throughput", Map.of("mps", 5, "enabled", true), "errors", List.of()));
        java.util.HashMap<String, Object> removal = new java.util.HashMap<>();
        removal.put("throughput", null);
        assertThat(Faults.mergePatch(merged, removal)).isEqualTo(Map.of("errors", List.of()));
    }

    private static List<Boolean> strikes(ActiveFaults active) {
        return IntStream.range(0, 1000)
                .mapToObj(i -> active.injectedError(NUMBER, "919876543210") != null).toList();
    }
}

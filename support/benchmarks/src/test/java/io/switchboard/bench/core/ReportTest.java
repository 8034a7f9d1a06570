package io.switchboard.bench.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

    private static Report sample() {
        Histogram h = new Histogram(3_600_000_000L, 3);
        for (int i = 1; i <= 100; i++) {
            h.recordValue(i * 1_000L); // 1 ms .. 100 ms
        }
        Report report = new Report("ingress", "java -jar benchmarks.jar ingress --local", Map.of("cpu", "2 cores"));
        report.step(Summary.of("ingress open loop 5,000/s offered", h, 100, 2, Map.of("HTTP 503", 2L), 10));
        report.baseline(Summary.throughput("baseline bare endpoint", 300_000, 10));
        report.ratio("ingress vs bare", 12_000, 30_000, "req/s");
        report.atLeast("ingress accepted sends/s", 9_000, 12_000, "/s");
        report.below("p99 at 5,000/s", 8, 20, "ms");
        report.figure("heap used, api-ingress", 180.5, "MB");
        report.note("a note");
        return report;
    }

    @Test
    void summaryGivesThroughputOverTheMeasuredWindowAndPercentilesInMilliseconds() {
        Summary s = sample().steps().get(0);

        assertThat(s.perSecond()).isEqualTo(10.0);
        // HdrHistogram keeps 3 significant digits: a value reads back as the top of its bucket.
        assertThat(s.p("p50")).isCloseTo(50.0, within(0.05));
        assertThat(s.p("p99")).isCloseTo(99.0, within(0.1));
        assertThat(s.p("max")).isCloseTo(100.0, within(0.1));
    }

    @Test
    void aMissedTargetSaysByHowMuchAndAMetOneSaysMet() {
        Report report = sample();

        assertThat(ReportText.verdict(report.targets().get(0))).isEqualTo("missed by 25%");
        assertThat(ReportText.verdict(report.targets().get(1))).isEqualTo("met");
        assertThat(report.targets().get(1).missedBy()).isZero();
    }

    @Test
    void latencyTargetsAreMissedByTheExcessOverTheGoal() {
        Report report = new Report("x", "cmd", Map.of()).below("p99", 30, 20, "ms");

        assertThat(ReportText.verdict(report.targets().get(0))).isEqualTo("missed by 50%");
    }

    @Test
    void textRendersEveryTableWithCommandMachineRatioAndVerdicts() {
        String text = ReportText.render(sample());

        assertThat(text).contains("## ingress", "`java -jar benchmarks.jar ingress --local`", "- cpu: 2 cores")
                .contains("| ingress open loop 5,000/s offered | 100 | 2 {HTTP 503=2} | 10.0 | 50.0 | 90.1 | 99.0 |")
                .contains("| ingress vs bare | 12,000 req/s | 30,000 req/s | 0.40 |")
                .contains("| ingress accepted sends/s | 9,000 /s | ≥ 12,000 /s | missed by 25% |")
                .contains("| p99 at 5,000/s | 8.00 ms | < 20.0 ms | met |")
                .contains("| heap used, api-ingress | 180.5 MB |")
                .contains("- a note");
    }

    @Test
    void jsonHasEveryPartAndWritesNaNAsNull(@TempDir Path dir) throws Exception {
        Report report = sample();
        report.ratio("no ceiling", 5, Double.NaN, "/s");

        Path file = ReportJson.write(report, dir);
        JsonNode json = new ObjectMapper().readTree(Files.readString(file));

        assertThat(file.getFileName().toString()).startsWith("ingress-").endsWith(".json");
        assertThat(json.path("command").asText()).isEqualTo("java -jar benchmarks.jar ingress --local");
        assertThat(json.path("steps").get(0).path("latency_ms").path("p99").asDouble()).isCloseTo(99.0, within(0.1));
        assertThat(json.path("steps").get(0).path("error_kinds").path("HTTP 503").asLong()).isEqualTo(2);
        assertThat(json.path("baselines").get(0).path("per_second").asDouble()).isEqualTo(30_000);
        assertThat(json.path("ratios").get(0).path("ratio").asDouble()).isEqualTo(0.4);
        assertThat(json.path("ratios").get(1).path("ratio").isNull()).isTrue();
        assertThat(json.path("targets").get(0).path("met").asBoolean()).isFalse();
        assertThat(json.path("targets").get(0).path("missed_by_fraction").asDouble()).isEqualTo(0.25);
        assertThat(json.path("figures").get(0).path("value").asDouble()).isEqualTo(180.5);
        assertThat(json.path("machine").path("cpu").asText()).isEqualTo("2 cores");
    }

    @Test
    void numbersAreWrittenAsPeopleReadThem() {
        assertThat(ReportText.num(12345.6)).isEqualTo("12,346");
        assertThat(ReportText.num(45.67)).isEqualTo("45.7");
        assertThat(ReportText.num(1.234)).isEqualTo("1.23");
        assertThat(ReportText.num(Double.NaN)).isEqualTo("-");
    }
}

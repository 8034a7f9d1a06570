package io.switchboard.bench.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.bench.baseline.KafkaBaselines;
import io.switchboard.bench.cli.Session;
import io.switchboard.bench.core.LoadDriver;
import io.switchboard.bench.core.Report;
import io.switchboard.bench.core.Summary;
import io.switchboard.bench.system.SetupClient;
import io.switchboard.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Scenario 2, dispatch: a backlog of send commands over many business numbers, written straight to
 * {@code send-commands}, delivered by the dispatcher to the simulator answering with the configured latency (250 ms
 * by default). The simulator's own counters say how many it accepted from each number in the measured window and the
 * most in any one-second window, so the pacing is judged where WhatsApp would judge it. The backlog is sized to keep
 * every number busy through warm-up and window; status webhooks are off unless {@code --sim-webhooks}, so the figure
 * is the dispatcher's.
 */
public final class DispatchScenario {

    private DispatchScenario() {
    }

    public static Report run(Session s) throws Exception {
        Report report = s.report("dispatch");
        s.runOnly(report, "dispatcher", "cloud-api-simulator");
        String sim = s.target.require(s.target.simulatorUrl(), "--simulator-url");
        String bootstrap = s.target.require(s.target.kafkaBootstrap(), "--kafka-bootstrap");
        String registry = s.target.require(s.target.registryUrl(), "--registry-url");
        int budget = s.run.numberMps;
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < s.run.numbers; i++) {
            numbers.add(String.format("1099%08d", i));
        }
        if (!s.run.noBaselines) {
            int size = Topics.SEND_COMMANDS.valueSerde(registry).serializer().serialize(Topics.SEND_COMMANDS.name(),
                    Samples.templateCommand(UUID.randomUUID().toString(), "bench", numbers.get(0), "+15560000001")).length;
            s.progress.say("Baseline: plain producer, acks=all, " + size + " B records ...");
            String topic = KafkaBaselines.scratchTopic(bootstrap, Topics.MESSAGE_EVENTS.partitions());
            report.baseline(KafkaBaselines.produce(bootstrap, topic, size, Duration.ofSeconds(Math.min(10,
                    s.run.durationSeconds))));
            KafkaBaselines.deleteTopic(bootstrap, topic);
        }
        Map<String, Object> plan = new java.util.LinkedHashMap<>();
        plan.put("latency", s.run.simLatencyP99Ms > 0
                ? Map.of("distribution", "lognormal", "median_ms", s.run.simLatencyMs, "p99_ms", s.run.simLatencyP99Ms)
                : Map.of("distribution", "fixed", "median_ms", s.run.simLatencyMs));
        plan.put("throughput", Map.of("enabled", true, "mps", budget));
        plan.put("pair_rate", Map.of("enabled", false));
        plan.put("errors", List.of());
        if (!s.run.simWebhooks) {
            plan.put("webhooks", Map.of("skip_all", Map.of("rate", 1.0)));
        }
        SetupClient.Answer set = s.setup.call("PUT", sim + "/_sim/faults", null, plan);
        if (set.status() != 200) {
            throw new IllegalStateException("simulator refused the fault plan: " + set.body());
        }
        double paced = budget * 0.95; // the dispatcher's default headroom
        long backlog = Math.round(numbers.size() * paced * (s.run.warmupSeconds + s.run.durationSeconds + 2));
        s.progress.say(String.format("Writing a backlog of %,d commands over %d numbers ...", backlog, numbers.size()));
        try (CommandFeeder feeder = new CommandFeeder(bootstrap, registry)) {
            long failed = feeder.feed(numbers, backlog, "+1556");
            if (failed > 0) {
                report.note(failed + " commands of the backlog were not acknowledged by Kafka.");
            }
        }
        LoadDriver.sleep(Duration.ofSeconds(s.run.warmupSeconds));
        s.setup.call("POST", sim + "/_sim/stats/reset", null, "{}");
        long windowStart = System.nanoTime();
        for (int second = 1; second <= s.run.durationSeconds; second++) {
            LoadDriver.sleep(Duration.ofSeconds(1));
            if (second % 5 == 0) {
                JsonNode now = s.setup.call("GET", sim + "/_sim/stats", null, null).json();
                s.progress.say(String.format("[%3ds] delivered %,.0f/s, refused %s", second,
                        now.path("accepted").asDouble() / second, now.path("refused")));
            }
        }
        JsonNode stats = s.setup.call("GET", sim + "/_sim/stats", null, null).json();
        double seconds = (System.nanoTime() - windowStart) / 1e9;
        long accepted = stats.path("accepted").asLong();
        report.step(Summary.throughput(String.format("dispatch: accepted by the simulator, %d numbers x %d/s budget,"
                + " %s", numbers.size(), budget, latencyText(s)), accepted, seconds));
        List<Double> ratios = new ArrayList<>();
        double worstPeak = 0;
        for (String number : numbers) {
            JsonNode n = stats.path("numbers").path(number);
            ratios.add(n.path("accepted").asDouble() / seconds / budget);
            worstPeak = Math.max(worstPeak, n.path("max_per_second").asDouble() / budget);
        }
        Collections.sort(ratios);
        report.figure("delivered msg/s (all numbers)", accepted / seconds, "/s");
        report.figure("budget in total (numbers x budget)", numbers.size() * (double) budget, "/s");
        report.figure("per-number rate / budget, lowest", ratios.get(0), "");
        report.figure("per-number rate / budget, median", ratios.get(ratios.size() / 2), "");
        report.figure("per-number rate / budget, highest", ratios.get(ratios.size() - 1), "");
        report.figure("highest one-second count of any number / budget", worstPeak, "");
        report.figure("refusals at the simulator (130429 etc.)", stats.path("refused").size() == 0 ? 0
                : sum(stats.path("refused")), "");
        dispatcherCounters(s, report);
        report.atLeast("dispatch delivered msg/s", accepted / seconds, 3_000, "/s");
        report.atLeast("slowest number's rate / budget (within 5%)", ratios.get(0), 0.95, "");
        report.below("busiest one second of any number / budget (within 5%)", worstPeak, 1.05, "");
        report.note("Budget " + budget + "/s per number; the dispatcher paces at the budget less its 5% headroom,"
                + " so 0.95 is the expected per-number ratio. Status webhooks " + (s.run.simWebhooks ? "on" : "off")
                + ". Simulator throughput limit on at the budget (130429 counted above), pair rate limit off.");
        s.setup.call("DELETE", sim + "/_sim/faults", null, null);
        return report;
    }

    /** The dispatcher's own pacing and outcome counters, when its /prometheus is known: why it sent what it sent. */
    private static void dispatcherCounters(Session s, Report report) {
        String base = s.target.services().get("dispatcher");
        if (base == null) {
            return;
        }
        try {
            String metrics = s.setup.call("GET", base + "/prometheus", null, null).body();
            java.util.Map<String, Double> sums = new java.util.TreeMap<>();
            for (String line : metrics.split("\n")) {
                if (line.startsWith("dispatcher_") && !line.startsWith("#")) {
                    String name = line.substring(0, line.indexOf(line.contains("{") ? '{' : ' '));
                    if (name.endsWith("_total") || name.endsWith("_count") || name.endsWith("_sum") || name.endsWith("_max")) {
                        double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                        sums.merge(name, value, name.endsWith("_max") ? Math::max : Double::sum);
                    }
                }
            }
            sums.forEach((name, value) -> report.figure("dispatcher /prometheus: " + name + " (since start)", value, ""));
        } catch (Exception e) {
            report.note("dispatcher metrics not read: " + e);
        }
    }

    static String latencyText(Session s) {
        return s.run.simLatencyP99Ms > 0
                ? "lognormal latency median " + s.run.simLatencyMs + " ms p99 " + s.run.simLatencyP99Ms + " ms"
                : "fixed latency " + s.run.simLatencyMs + " ms";
    }

    private static double sum(JsonNode refused) {
        double total = 0;
        for (JsonNode v : refused) {
            total += v.asDouble();
        }
        return total;
    }
}

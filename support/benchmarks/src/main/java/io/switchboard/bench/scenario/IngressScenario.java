package io.switchboard.bench.scenario;

import io.netty.handler.codec.http.HttpMethod;
import io.switchboard.bench.baseline.BareEndpoint;
import io.switchboard.bench.baseline.KafkaBaselines;
import io.switchboard.bench.baseline.LuaBaseline;
import io.switchboard.bench.cli.Session;
import io.switchboard.bench.core.LoadDriver;
import io.switchboard.bench.core.Report;
import io.switchboard.bench.core.Stats;
import io.switchboard.bench.core.Summary;
import io.switchboard.bench.http.HttpLoadClient;
import io.switchboard.bench.http.HttpOperation;
import io.switchboard.schemas.Topics;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Scenario 1, ingress: text and named-template sends over HTTP with many API keys (created through the admin API
 * when a token is given) and a new recipient for every send, so no limit caps the run. Closed loop finds the
 * maximum; open loop at fixed rates gives latencies corrected for coordinated omission. Baselines of the same run:
 * the bare endpoint on the same HTTP stack (same client, same connections), the send-gate Lua script called directly,
 * and a plain acks=all producer with the send command's record size.
 */
public final class IngressScenario {

    private static final List<Double> DEFAULT_RATES = List.of(5_000.0, 12_000.0);

    private IngressScenario() {
    }

    public static Report run(Session s) throws Exception {
        Report report = s.report("ingress");
        s.runOnly(report, "api-ingress", "cloud-api-simulator");
        List<String> keys = apiKeys(s);
        report.figure("API keys used", keys.size(), "");
        String basePath = URI.create(s.target.require(s.target.apiUrl(), "--api-url")).getPath();
        List<String> kinds = s.run.kinds;
        LoadDriver driver = s.driver();
        java.util.function.LongFunction<HttpOperation.Spec> sends = n -> {
            boolean text = "text".equals(kinds.get((int) (n % kinds.size())));
            return new HttpOperation.Spec(HttpMethod.POST,
                    basePath + (text ? "/messages/text" : "/messages/template/send"),
                    Map.of("Content-Type", "application/json", "X-API-Key", keys.get((int) (n % keys.size()))),
                    text ? Samples.textBody(n) : Samples.templateBody(n));
        };

        double bareCeiling = Double.NaN;
        if (!s.run.noBaselines) {
            bareCeiling = bareEndpoint(s, driver, report, sends);
            if (s.target.redisUri() != null) {
                s.progress.say("Baseline: the send-gate Lua script, EVALSHA over one connection ...");
                report.baseline(LuaBaseline.run(s.target.redisUri(), LuaBaseline.scriptIn(s.servicesRoot),
                        s.run.closedWorkers, driver));
            }
        }

        try (HttpLoadClient client = new HttpLoadClient(s.target.apiUrl(), s.run.connections, s.run.ioThreads)) {
            // A cold service cannot keep up with an open loop: the backlog of its first seconds would be charged to the
            // measured window. Warm it closed loop first (not reported), then open loops, then the closed-loop maximum.
            s.progress.say("Ingress, warming up (closed loop, not reported) ...");
            Stats warm = new Stats("ingress warm-up");
            new LoadDriver(Duration.ZERO, Duration.ofSeconds(2L * s.run.warmupSeconds), Duration.ofSeconds(10), s.progress)
                    .closedLoop(s.run.closedWorkers, new HttpOperation(client, warm, 202, 1, sends), List.of(warm), null);
            for (double rate : s.run.rates != null ? s.run.rates : DEFAULT_RATES) {
                s.progress.say(String.format("Ingress, open loop at %,.0f/s ...", rate));
                Stats stats = new Stats(String.format("ingress open loop %,.0f/s offered", rate));
                Summary open = driver.openLoop(rate, new HttpOperation(client, stats, 202, 1, sends), List.of(stats),
                        () -> "queued=" + client.waiting()).get(0);
                report.step(open);
                if (rate == 5_000.0) {
                    report.below("ingress p99 at 5,000/s offered", open.p("p99"), 20, "ms");
                }
            }
            double max = Double.NaN;
            if (!s.run.noClosedLoop) {
                s.progress.say("Ingress, closed loop (" + s.run.closedWorkers + " concurrent) ...");
                Stats stats = new Stats("ingress closed loop, " + s.run.closedWorkers + " concurrent");
                Summary closed = driver.closedLoop(s.run.closedWorkers,
                        new HttpOperation(client, stats, 202, 1, sends), List.of(stats), null).get(0);
                report.step(closed);
                max = closed.perSecond();
                report.ratio("ingress max accepted sends/s vs bare endpoint", max, bareCeiling, "req/s");
                report.atLeast("ingress accepted sends/s (closed loop)", max, 12_000, "/s");
                if (!Double.isNaN(bareCeiling)) {
                    report.atLeast("ingress / bare-endpoint ceiling", max / bareCeiling, 0.5, "");
                }
            }
        }
        // Last: the producer baseline writes hundreds of MB, and the broker's flushing afterwards would stall a step.
        if (!s.run.noBaselines) {
            if (s.target.kafkaBootstrap() != null && s.target.registryUrl() != null) {
                int size = Topics.SEND_COMMANDS.valueSerde(s.target.registryUrl()).serializer().serialize(
                        Topics.SEND_COMMANDS.name(), Samples.textCommand(UUID.randomUUID().toString(),
                                "106540352242922", "+15550000001")).length;
                s.progress.say("Baseline: plain producer, acks=all, " + size + " B records ...");
                String topic = KafkaBaselines.scratchTopic(s.target.kafkaBootstrap(), Topics.SEND_COMMANDS.partitions());
                report.baseline(KafkaBaselines.produce(s.target.kafkaBootstrap(), topic, size,
                        Duration.ofSeconds(Math.min(10, s.run.durationSeconds))));
                KafkaBaselines.deleteTopic(s.target.kafkaBootstrap(), topic);
            }
        }
        report.note("Sends alternate " + kinds + "; every send has a new recipient (+1555nnnnnnn) and the keys take"
                + " turns, so neither the per-key nor the per-recipient limit is reached. Latency of open-loop steps is"
                + " measured from each request's scheduled start (coordinated omission corrected).");
        return report;
    }

    private static double bareEndpoint(Session s, LoadDriver driver, Report report,
                                       java.util.function.LongFunction<HttpOperation.Spec> sends) {
        s.progress.say("Baseline: bare endpoint on the same HTTP stack, closed loop ...");
        try (BareEndpoint bare = BareEndpoint.start();
             HttpLoadClient client = new HttpLoadClient(bare.url(), s.run.connections, s.run.ioThreads)) {
            Stats stats = new Stats("baseline bare endpoint, " + s.run.closedWorkers + " concurrent");
            java.util.function.LongFunction<HttpOperation.Spec> bareSends = n -> {
                HttpOperation.Spec spec = sends.apply(n);
                return new HttpOperation.Spec(spec.method(), "/bare" + spec.path(), spec.headers(), spec.body());
            };
            Summary summary = driver.closedLoop(s.run.closedWorkers, new HttpOperation(client, stats, 202, 1, bareSends),
                    List.of(stats), null).get(0);
            report.baseline(summary);
            return summary.perSecond();
        }
    }

    static List<String> apiKeys(Session s) throws Exception {
        if (s.target.adminToken() != null && s.target.adminUrl() != null && s.run.keys > 0) {
            s.progress.say("Creating " + s.run.keys + " API keys on account " + s.run.account + " ...");
            List<String> keys = s.setup.createKeys(s.target, s.run.account, s.run.keys);
            LoadDriver.sleep(Duration.ofSeconds(1)); // the ingress applies its key table within a poll
            return keys;
        }
        if (s.target.apiKeys().isEmpty()) {
            throw new IllegalArgumentException("Give --api-key (or --admin-url and --admin-token to create keys)");
        }
        return s.target.apiKeys();
    }
}

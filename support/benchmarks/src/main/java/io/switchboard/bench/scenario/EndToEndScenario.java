package io.switchboard.bench.scenario;

import io.netty.handler.codec.http.HttpMethod;
import io.switchboard.bench.cli.Session;
import io.switchboard.bench.core.LoadDriver;
import io.switchboard.bench.core.Report;
import io.switchboard.bench.core.Stats;
import io.switchboard.bench.core.Summary;
import io.switchboard.bench.http.HttpLoadClient;
import io.switchboard.bench.http.HttpOperation;
import io.switchboard.bench.system.LocalPlatform;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Scenario 3, end to end: sends accepted by the API at a fixed rate, spread over enough business numbers (accounts
 * created through the admin API, each with its own key) that no number's budget is the limit; a sample of the
 * accepted messages is followed through the public status query until it shows {@code sent} and {@code delivered}.
 * The simulator answers after a fixed latency, so "beyond the simulator's latency" is p99 minus that latency.
 */
public final class EndToEndScenario {

    private static final List<Double> DEFAULT_RATES = List.of(1_000.0);

    private EndToEndScenario() {
    }

    public static Report run(Session s) throws Exception {
        Report report = s.report("end-to-end");
        s.runOnly(report, LocalPlatform.ALL.toArray(String[]::new));
        String api = s.target.require(s.target.apiUrl(), "--api-url");
        String basePath = URI.create(api).getPath();
        double maxRate = (s.run.rates != null ? s.run.rates : DEFAULT_RATES).stream().mapToDouble(d -> d).max().orElse(1000);
        int numbers = (int) Math.ceil(maxRate / (s.run.numberMps * 0.95)) + 1;
        List<String> keys = new ArrayList<>();
        if (s.target.adminToken() != null) {
            s.progress.say("Creating " + numbers + " accounts (business numbers) with a key each ...");
            for (int i = 0; i < numbers; i++) {
                String account = "bench-e2e-" + i;
                s.setup.createAccount(s.target, account, String.format("1098%08d", i), s.run.numberMps);
                keys.add(s.setup.createKey(s.target, account, "bench-e2e-" + i));
            }
        } else {
            keys.addAll(s.target.apiKeys());
            report.note("No admin token: the given keys' accounts and numbers are used as they are.");
        }
        List<String> kinds = s.run.kinds;
        awaitSendable(s, api, keys, kinds);
        awaitStatusQueries(s, api, keys.get(0));
        if (s.target.simulatorUrl() != null) {
            Map<String, Object> plan = Map.of(
                    "latency", Map.of("distribution", "fixed", "median_ms", s.run.simLatencyMs),
                    "throughput", Map.of("enabled", true, "mps", s.run.numberMps),
                    "pair_rate", Map.of("enabled", false), "errors", List.of());
            s.setup.call("PUT", s.target.simulatorUrl() + "/_sim/faults", null, plan);
        }
        LoadDriver driver = s.driver();
        try (HttpLoadClient client = new HttpLoadClient(api, s.run.connections, s.run.ioThreads);
             HttpLoadClient queries = new HttpLoadClient(api, 32, 1)) {
            for (double rate : s.run.rates != null ? s.run.rates : DEFAULT_RATES) {
                Stats accepted = new Stats(String.format("e2e %,.0f/s: accepted (202)", rate));
                Stats sent = new Stats(String.format("e2e %,.0f/s: accepted -> sent visible", rate));
                Stats delivered = new Stats(String.format("e2e %,.0f/s: accepted -> delivered visible", rate));
                HopTracker hops = s.target.kafkaBootstrap() != null && s.target.registryUrl() != null
                        ? new HopTracker(s.target.kafkaBootstrap(), s.target.registryUrl(), s.target.simulatorUrl())
                        : null;
                try (StatusFollower follower = new StatusFollower(queries, basePath, s.run.pollMs,
                        s.target.simulatorUrl() != null ? s.run.simLatencyMs : 0, s.run.maxFollowed, sent, delivered)) {
                    if (hops != null) {
                        follower.reportingTo(hops);
                        hops.measureFrom(System.currentTimeMillis() + s.run.warmupSeconds * 1000L);
                    }
                    HttpOperation sends = new HttpOperation(client, accepted, 202, 1, n -> {
                        boolean text = "text".equals(kinds.get((int) (n % kinds.size())));
                        return new HttpOperation.Spec(HttpMethod.POST,
                                basePath + (text ? "/messages/text" : "/messages/template/send"),
                                Map.of("Content-Type", "application/json", "X-API-Key", keys.get((int) (n % keys.size()))),
                                text ? Samples.textBody(n) : Samples.templateBody(n));
                    });
                    // The answer does not say which key sent it; the status query needs the owning key, so follow
                    // only messages whose key is known: every key sees the same share, pick by the message's key slot.
                    sends.onAccepted((body, at) -> {
                        if (ThreadLocalRandom.current().nextDouble() < s.run.sample) {
                            follower.follow(body, at, keyOf(body, keys));
                        }
                    });
                    s.progress.say(String.format("End to end at %,.0f/s, following %.0f%% of messages ...", rate,
                            s.run.sample * 100));
                    List<Summary> summaries = driver.openLoop(rate, sends, List.of(accepted, sent, delivered),
                            () -> "following=" + follower.following());
                    // Followed messages accepted at the end of the window still finish: wait for them.
                    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                    while (follower.following() > 0 && System.nanoTime() < deadline) {
                        LoadDriver.sleep(Duration.ofMillis(100));
                    }
                    report.step(summaries.get(0));
                    Summary sentSummary = sent.summary(s.run.durationSeconds);
                    Summary deliveredSummary = delivered.summary(s.run.durationSeconds);
                    report.step(sentSummary).step(deliveredSummary);
                    report.figure(String.format("e2e %,.0f/s: p99 accepted -> sent beyond the simulator's %d ms", rate,
                            s.run.simLatencyMs), sentSummary.p("p99") - s.run.simLatencyMs, "ms");
                    report.below(String.format("p99 accepted -> sent beyond the simulator's latency at %,.0f/s", rate),
                            sentSummary.p("p99") - s.run.simLatencyMs, 300, "ms");
                    if (hops != null) {
                        addHops(report, rate, hops);
                    }
                } finally {
                    if (hops != null) {
                        hops.close();
                    }
                }
            }
        }
        report.note("Latencies from the 202 to the first status query showing the status, polled every " + s.run.pollMs
                + " ms (resolution) from the simulator's latency on, at most " + s.run.maxFollowed
                + " messages followed at once; " + numbers + " business numbers at " + s.run.numberMps + "/s budget each;"
                + " simulator fixed latency " + s.run.simLatencyMs + " ms, status webhooks "
                + "every --sim-status-delay-ms after acceptance (local default 100 ms). Sends alternate " + kinds + ".");
        if (s.target.inProcess() || s.targetOptions.local) {
            report.note(s.targetOptions.simStatusBatch > 1
                    ? "Status webhooks batched by the simulator as WhatsApp batches them: up to "
                    + s.targetOptions.simStatusBatch + " statuses of a business number in one POST, the first waiting at"
                    + " most " + s.targetOptions.simStatusBatchMs + " ms (--sim-status-batch, --sim-status-batch-ms)."
                    : "Status webhooks: one status per POST (--sim-status-batch 1).");
        }
        if (s.target.simulatorUrl() != null) {
            s.setup.call("DELETE", s.target.simulatorUrl() + "/_sim/faults", null, null);
        }
        return report;
    }

    /**
     * The per-hop breakdown of the step: of the followed messages (every point, the simulator's included) and of
     * every message the topics showed (the hops between topics), as figures, and the dominant hop as a note.
     */
    private static void addHops(Report report, double rate, HopTracker hops) {
        String prefix = String.format("e2e %,.0f/s hop ", rate);
        List<HopBreakdown.HopFigures> followed = hops.followedHops();
        List<HopBreakdown.HopFigures> all = hops.allHops();
        StringBuilder note = new StringBuilder(String.format("Hops at %,.0f/s (ms, this machine's clock; producer"
                + " timestamps of send-commands and message-events, the simulator's received_at/accepted_at, a"
                + " read_committed consumer's first read of message-status, the poll that showed sent). Followed"
                + " messages:", rate));
        for (HopBreakdown.HopFigures f : followed) {
            note.append(" ").append(HopBreakdown.describe(f)).append(";");
            if (f.count() > 0) {
                report.figure(prefix + "p50 " + f.hop().label() + " (followed)", f.p50(), "ms");
                report.figure(prefix + "p99 " + f.hop().label() + " (followed)", f.p99(), "ms");
            }
        }
        note.append(" Every message:");
        for (HopBreakdown.HopFigures f : all) {
            if (f.count() > 0 && !followedOnly(f.hop())) {
                note.append(" ").append(HopBreakdown.describe(f)).append(";");
                report.figure(prefix + "p50 " + f.hop().label() + " (every message)", f.p50(), "ms");
                report.figure(prefix + "p99 " + f.hop().label() + " (every message)", f.p99(), "ms");
            }
        }
        HopBreakdown.HopFigures dominant = HopBreakdown.dominant(followed);
        if (dominant != null) {
            note.append(" Largest median hop of the followed messages: ").append(dominant.hop().label()).append(".");
        }
        report.note(note.toString());
    }

    /** Hops with a point only followed messages have (the 202, the simulator's times, the query). */
    private static boolean followedOnly(HopBreakdown.Hop hop) {
        return hop != HopBreakdown.Hop.EVENT_TO_PROJECTED && hop != HopBreakdown.Hop.COMMAND_TO_EVENT;
    }

    /** The 202 carries the message id only; the key is found again from the reference (bench-n, key n % keys). */
    static String keyOf(String body, List<String> keys) {
        int at = body.indexOf("\"reference\":\"bench-");
        if (at < 0) {
            return keys.get(0);
        }
        int start = at + 19;
        int end = body.indexOf('"', start);
        long n = Long.parseLong(body.substring(start, end));
        return keys.get((int) (n % keys.size()));
    }

    /**
     * A status query for an unknown message answers 404 once the projector's store is ready (503 while it restores
     * after a start): wait for that, so the first followed messages do not time out on a store still loading.
     */
    private static void awaitStatusQueries(Session s, String api, String key) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        String url = api + "/messages/" + java.util.UUID.randomUUID();
        while (System.nanoTime() < deadline) {
            java.net.http.HttpResponse<Void> answer = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).header("X-API-Key", key).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
            if (answer.statusCode() == 404) {
                return;
            }
            LoadDriver.sleep(Duration.ofMillis(500));
        }
        s.progress.say("The status query still does not answer 404 for an unknown message; measuring anyway.");
    }

    /** New accounts' templates arrive with the ingress's next template sync: wait until a simulated send passes. */
    private static void awaitSendable(Session s, String api, List<String> keys, List<String> kinds) throws Exception {
        if (!kinds.contains("template")) {
            return;
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        for (String key : keys) {
            while (true) {
                var answer = s.setup.callWithKey(api + "/messages/template/send?simulate=true", key,
                        new String(Samples.templateBody(1)));
                if (answer.status() == 200 || answer.status() == 202 || System.nanoTime() > deadline) {
                    break;
                }
                LoadDriver.sleep(Duration.ofMillis(500));
            }
        }
    }
}

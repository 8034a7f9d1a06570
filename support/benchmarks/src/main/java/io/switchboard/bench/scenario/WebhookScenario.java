package io.switchboard.bench.scenario;

import io.switchboard.bench.baseline.BareEndpoint;
import io.switchboard.bench.baseline.KafkaBaselines;
import io.switchboard.bench.cli.Session;
import io.switchboard.bench.core.LoadDriver;
import io.switchboard.bench.core.Report;
import io.switchboard.bench.core.Stats;
import io.switchboard.bench.core.Summary;
import io.switchboard.bench.http.HttpLoadClient;
import io.switchboard.bench.http.HttpOperation;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.WhatsAppStatus;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Scenario 4, webhook-ingest: signed status webhooks, one status per POST and {@code --batch} per POST, closed loop
 * (maximum) and open loop at fixed rates of status updates a second. Throughput is counted in status updates (a batch
 * of ten is ten). Baselines: the bare endpoint with the same signed bodies, and a plain acks=all producer with the
 * status update's record size.
 */
public final class WebhookScenario {

    private static final List<Double> DEFAULT_RATES = List.of(15_000.0);

    private WebhookScenario() {
    }

    public static Report run(Session s) throws Exception {
        Report report = s.report("webhook-ingest");
        s.runOnly(report, "webhook-ingest");
        String url = s.target.require(s.target.webhookUrl(), "--webhook-url");
        String secret = s.target.require(s.target.appSecret(), "--app-secret");
        String path = URI.create(url).getPath();
        SignedWebhooks single = new SignedWebhooks(path, secret, 1);
        SignedWebhooks batched = new SignedWebhooks(path, secret, s.run.batch);
        LoadDriver driver = s.driver();

        double bare = Double.NaN;
        if (!s.run.noBaselines) {
            s.progress.say("Baseline: bare endpoint, batched signed bodies, closed loop ...");
            try (BareEndpoint endpoint = BareEndpoint.start();
                 HttpLoadClient client = new HttpLoadClient(endpoint.url(), s.run.connections, s.run.ioThreads)) {
                Stats stats = new Stats("baseline bare endpoint, batches of " + s.run.batch + " (statuses/s)");
                Summary summary = driver.closedLoop(s.run.closedWorkers, new HttpOperation(client, stats, 202,
                        s.run.batch, n -> {
                            HttpOperation.Spec spec = batched.post(n);
                            return new HttpOperation.Spec(spec.method(), "/bare" + spec.path(), spec.headers(), spec.body());
                        }), List.of(stats), null).get(0);
                report.baseline(summary);
                bare = summary.perSecond();
            }
            if (s.target.kafkaBootstrap() != null && s.target.registryUrl() != null) {
                int size = Topics.STATUS_UPDATES.valueSerde(s.target.registryUrl()).serializer().serialize(
                        Topics.STATUS_UPDATES.name(), Samples.status("wamid.HBgLMTU1NTAwMDAwMDEVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA",
                                java.util.UUID.randomUUID().toString(), WhatsAppStatus.DELIVERED, "106540352242922",
                                "15550000001")).length;
                s.progress.say("Baseline: plain producer, acks=all, " + size + " B records ...");
                String topic = KafkaBaselines.scratchTopic(s.target.kafkaBootstrap(), Topics.STATUS_UPDATES.partitions());
                report.baseline(KafkaBaselines.produce(s.target.kafkaBootstrap(), topic, size,
                        Duration.ofSeconds(Math.min(10, s.run.durationSeconds))));
                KafkaBaselines.deleteTopic(s.target.kafkaBootstrap(), topic);
            }
        }

        try (HttpLoadClient client = new HttpLoadClient(url, s.run.connections, s.run.ioThreads)) {
            double best = Double.NaN;
            if (!s.run.noClosedLoop) {
                for (SignedWebhooks webhooks : List.of(single, batched)) {
                    s.progress.say("webhook-ingest, " + webhooks.statusesPerPost() + " status(es) per POST, closed loop ...");
                    Stats stats = new Stats("webhook-ingest closed loop, " + webhooks.statusesPerPost()
                            + " status(es)/POST (statuses/s)");
                    Summary summary = driver.closedLoop(s.run.closedWorkers, new HttpOperation(client, stats, 200,
                            webhooks.statusesPerPost(), webhooks::post), List.of(stats), null).get(0);
                    report.step(summary);
                    best = Double.isNaN(best) ? summary.perSecond() : Math.max(best, summary.perSecond());
                    if (webhooks == batched) {
                        report.ratio("webhook-ingest statuses/s (batched) vs bare endpoint", summary.perSecond(), bare,
                                "statuses/s");
                    }
                }
                report.atLeast("webhook-ingest status updates/s (best closed loop)", best, 15_000, "/s");
            }
            for (double rate : s.run.rates != null ? s.run.rates : DEFAULT_RATES) {
                double posts = rate / batched.statusesPerPost();
                s.progress.say(String.format("webhook-ingest, open loop %,.0f statuses/s (%,.0f POST/s of %d) ...",
                        rate, posts, batched.statusesPerPost()));
                Stats stats = new Stats(String.format("webhook-ingest open loop %,.0f statuses/s offered, batches of %d",
                        rate, batched.statusesPerPost()));
                Summary summary = driver.openLoop(posts, new HttpOperation(client, stats, 200,
                        batched.statusesPerPost(), batched::post), List.of(stats), () -> "queued=" + client.waiting()).get(0);
                report.step(summary);
                report.below(String.format("webhook-ingest p99 at %,.0f statuses/s", rate), summary.p("p99"), 50, "ms");
                double singleRate = Math.min(rate, 2_000);
                s.progress.say(String.format("webhook-ingest, open loop %,.0f single-status POST/s ...", singleRate));
                Stats one = new Stats(String.format("webhook-ingest open loop %,.0f single-status POST/s offered",
                        singleRate));
                report.step(driver.openLoop(singleRate, new HttpOperation(client, one, 200, 1, single::post),
                        List.of(one), () -> "queued=" + client.waiting()).get(0));
            }
        }
        report.note("Every status has a new wamid (no duplicates); each POST is signed with the app secret. Statuses"
                + " carry biz_opaque_callback_data, so the projector also applies them (it runs meanwhile).");
        return report;
    }
}

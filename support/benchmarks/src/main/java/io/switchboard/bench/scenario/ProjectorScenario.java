package io.switchboard.bench.scenario;

import io.netty.handler.codec.http.HttpMethod;
import io.switchboard.bench.baseline.KafkaBaselines;
import io.switchboard.bench.cli.Session;
import io.switchboard.bench.core.LoadDriver;
import io.switchboard.bench.core.RateSchedule;
import io.switchboard.bench.core.Report;
import io.switchboard.bench.core.Stats;
import io.switchboard.bench.core.Summary;
import io.switchboard.bench.http.HttpLoadClient;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.StatusUpdate;
import io.switchboard.schemas.avro.WhatsAppStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Scenario 5, projector: {@code --events} WhatsApp statuses (sent, delivered, read of a third as many messages, each
 * with our message id as callback data) written straight to {@code status-updates}; the projector's committed output
 * on {@code message-status} is counted, so events a second are what went through the whole topology (resolution,
 * repartition, store, changelog, output) under exactly-once. Meanwhile {@code --query-workers} ask the interactive
 * query for messages seeded before the load. Baselines: a plain consumer reading the same records and a plain
 * acks=all producer of their size.
 */
public final class ProjectorScenario {

    private static final int SEEDED = 2_000;

    private ProjectorScenario() {
    }

    public static Report run(Session s) throws Exception {
        Report report = s.report("projector");
        s.runOnly(report, "status-projector");
        String bootstrap = s.target.require(s.target.kafkaBootstrap(), "--kafka-bootstrap");
        String registry = s.target.require(s.target.registryUrl(), "--registry-url");
        String projector = s.target.require(s.target.projectorUrl(), "--status-url");
        String run = UUID.randomUUID().toString().substring(0, 8);
        long events = s.run.events - s.run.events % 3;
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        List<String> seeded = new ArrayList<>();
        try (KafkaProducer<String, StatusUpdate> producer = new KafkaProducer<>(p,
                Topics.STATUS_UPDATES.keySerde().serializer(), Topics.STATUS_UPDATES.valueSerde(registry).serializer())) {
            s.progress.say("Seeding " + SEEDED + " messages for the status queries ...");
            for (int i = 0; i < SEEDED; i++) {
                String id = UUID.randomUUID().toString();
                seeded.add(id);
                send(producer, "wamid.SEED" + run + i, id, WhatsAppStatus.SENT, i);
            }
            producer.flush();
            awaitProjected(s, projector, seeded.get(seeded.size() - 1));

            Stats queries = new Stats(String.format("status query (GET /internal/messages/{id}) at %d/s during the load",
                    s.run.queryRate));
            AtomicBoolean querying = new AtomicBoolean(true);
            try (OutputCounter output = new OutputCounter(bootstrap, Topics.MESSAGE_STATUS.name());
                 HttpLoadClient client = new HttpLoadClient(projector, 16, 1)) {
                s.progress.say(String.format("Writing %,d status events ...", events));
                long start = System.nanoTime();
                Thread queryLoad = new Thread(() -> queryLoad(client, seeded, queries, querying, s.run.queryRate),
                        "bench-status-queries");
                queryLoad.setDaemon(true);
                queryLoad.start();
                for (long e = 0; e < events; e++) {
                    long message = e / 3;
                    WhatsAppStatus status = switch ((int) (e % 3)) {
                        case 0 -> WhatsAppStatus.SENT;
                        case 1 -> WhatsAppStatus.DELIVERED;
                        default -> WhatsAppStatus.READ;
                    };
                    send(producer, "wamid.PRJ" + run + message, new UUID(message, run.hashCode()).toString(), status,
                            message);
                }
                producer.flush();
                double produceSeconds = (System.nanoTime() - start) / 1e9;
                report.figure("status events written to status-updates a second (input)", events / produceSeconds, "/s");
                long idleSince = System.nanoTime();
                long seen = 0;
                long cap = start + java.util.concurrent.TimeUnit.SECONDS.toNanos(s.run.maxSeconds);
                while (output.count() < events && System.nanoTime() - idleSince < 10_000_000_000L
                        && System.nanoTime() < cap) {
                    LoadDriver.sleep(Duration.ofSeconds(1));
                    if (output.count() > seen) {
                        seen = output.count();
                        idleSince = System.nanoTime();
                        s.progress.say(String.format("[%3.0fs] projected %,d of %,d (%s)", (System.nanoTime() - start) / 1e9,
                                seen, events, queries.progressLine()));
                    }
                }
                querying.set(false);
                double seconds = (output.lastNanos() - start) / 1e9;
                if (output.count() < events) {
                    report.note(String.format("Stopped counting after %d s with %,d of %,d events through.",
                            s.run.maxSeconds, output.count(), events));
                }
                Summary projected = Summary.throughput("projector: status events through the topology (message-status"
                        + " records, from the first write to the last committed output)", output.count(), seconds);
                report.step(projected);
                Summary q = queries.summary(seconds);
                report.step(q);
                report.atLeast("projector status events/s", projected.perSecond(), 30_000, "/s");
                report.below("status query p99 while the projector runs", q.p("p99"), 5, "ms");
                if (!s.run.noBaselines) {
                    s.progress.say("Baseline: plain consumer over status-updates ...");
                    Summary consumer = KafkaBaselines.consume(bootstrap, Topics.STATUS_UPDATES.name(), events);
                    report.baseline(consumer);
                    report.ratio("projector events/s vs plain consumer", projected.perSecond(), consumer.perSecond(),
                            "/s");
                    int size = Topics.STATUS_UPDATES.valueSerde(registry).serializer().serialize(
                            Topics.STATUS_UPDATES.name(), Samples.status("wamid.PRJ" + run + "1",
                                    UUID.randomUUID().toString(), WhatsAppStatus.DELIVERED, "106540352242922",
                                    "15580000001")).length;
                    String topic = KafkaBaselines.scratchTopic(bootstrap, Topics.MESSAGE_STATUS.partitions());
                    Summary produced = KafkaBaselines.produce(bootstrap, topic, size, Duration.ofSeconds(10));
                    report.baseline(produced);
                    KafkaBaselines.deleteTopic(bootstrap, topic);
                }
            }
        }
        report.note("Each message gets sent, delivered and read (3 events, 3 status changes, 3 message-status"
                + " records); the projector's output is read with read_committed, so an event counts once its"
                + " exactly-once transaction committed. Queries ask for " + SEEDED + " messages seeded before the load,"
                + " " + s.run.queryRate + " a second, open loop (latency from each query's scheduled start).");
        return report;
    }

    private static void send(KafkaProducer<String, StatusUpdate> producer, String wamid, String messageId,
                             WhatsAppStatus status, long n) {
        producer.send(new ProducerRecord<>(Topics.STATUS_UPDATES.name(), wamid,
                Samples.status(wamid, messageId, status, "106540352242922", Samples.recipient("1558", n))));
    }

    /** Open-loop status queries (latency from each query's scheduled start) until {@code running} is cleared. */
    private static void queryLoad(HttpLoadClient client, List<String> ids, Stats stats, AtomicBoolean running,
                                  int rate) {
        RateSchedule schedule = new RateSchedule(System.nanoTime(), rate, Long.MAX_VALUE / 2);
        long issued = 0;
        while (running.get()) {
            long due = schedule.dueBy(System.nanoTime());
            for (; issued < due; issued++) {
                long intended = schedule.intendedNanos(issued);
                String id = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
                client.send(new HttpLoadClient.Request(HttpMethod.GET, "/internal/messages/" + id,
                        Map.of("Accept", "application/json"), null, (status, body, error) -> {
                            if (status == 200) {
                                stats.success(System.nanoTime() - intended);
                            } else {
                                stats.error(error != null ? error.getClass().getSimpleName() : "HTTP " + status);
                            }
                        }));
            }
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
    }

    private static void awaitProjected(Session s, String projector, String messageId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (s.setup.call("GET", projector + "/internal/messages/" + messageId, null, null).status() == 200) {
                return;
            }
            LoadDriver.sleep(Duration.ofMillis(200));
        }
        throw new IllegalStateException("the projector did not project the seeded messages within 60 s");
    }
}

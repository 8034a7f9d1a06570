package io.switchboard.bench.cli;

import io.switchboard.bench.core.LoadDriver;
import io.switchboard.bench.core.Machine;
import io.switchboard.bench.core.Progress;
import io.switchboard.bench.core.Report;
import io.switchboard.bench.core.ReportJson;
import io.switchboard.bench.core.ReportText;
import io.switchboard.bench.scenario.MemoryProbe;
import io.switchboard.bench.system.LocalPlatform;
import io.switchboard.bench.system.ServiceProcesses;
import io.switchboard.bench.system.ServiceSnapshot;
import io.switchboard.bench.system.SetupClient;
import io.switchboard.bench.system.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One invocation of the tool: the target (started here with {@code --local}, else described by options), the run
 * options, the progress line, and what every report shares (command, machine, date). Scenarios take what they need.
 */
public final class Session implements AutoCloseable {

    public final TargetOptions targetOptions;
    public final RunOptions run;
    public final Target target;
    public final Path servicesRoot;
    public final Progress progress = new Progress(System.out);
    public final SetupClient setup = new SetupClient();
    private final String command;
    private final Map<String, String> machine;
    private final LocalPlatform local;

    Session(TargetOptions t, RunOptions run, String command) throws Exception {
        this.targetOptions = t;
        this.run = run;
        this.command = command;
        Path repo = t.repoRoot != null ? t.repoRoot.toAbsolutePath() : findRepositoryRoot();
        Path m2 = Path.of(System.getProperty("user.home"), ".m2", "repository");
        this.machine = new LinkedHashMap<>(Machine.describe());
        if (t.local) {
            boolean frozen = !"repo".equals(t.servicesFrom);
            servicesRoot = frozen
                    ? ServiceSnapshot.create(repo, m2, repo.resolve("support/benchmarks/target/services"), t.refreshServices)
                    : repo;
            ServiceProcesses.Options processes = t.processes
                    ? new ServiceProcesses.Options(t.serviceHeap, t.serviceJvmArgs,
                    t.brokerProcess ? t.brokerHeap : null) : null;
            String where = processes == null ? "in-process"
                    : "one JVM per service (-Xmx" + t.serviceHeap + String.join("", prepend(" ", t.serviceJvmArgs))
                    + (!t.brokerProcess ? "; Kafka, Redis client and registry in the generator's JVM)"
                    : "; Kafka and the registry in a JVM of their own, -Xmx" + t.brokerHeap + ")");
            machine.put("services", where + ", " + (frozen ? "jars installed in ~/.m2 (" + ServiceSnapshot.describe(m2)
                    + ")" : "working tree target/classes"));
            progress.say(processes == null
                    ? "Starting Kafka, Redis, the registry, the simulator and the four services in this JVM ..."
                    : "Starting Kafka, Redis and the registry" + (!t.brokerProcess ? "" : " (Kafka and the registry as a"
                    + " process)") + "; each scenario starts the services it needs as processes ...");
            long started = System.nanoTime();
            // The simulator batches status webhooks as WhatsApp does (its own default is one per POST); --set wins.
            Map<String, String> properties = new LinkedHashMap<>();
            properties.put("simulator.status-batch-size", Integer.toString(Math.max(1, t.simStatusBatch)));
            properties.put("simulator.status-batch-wait", t.simStatusBatchMs + "ms");
            properties.putAll(t.extraProperties);
            local = LocalPlatform.start(servicesRoot, Duration.ofMillis(t.simStatusDelayMs), t.dispatcherMaxInFlight,
                    properties, processes);
            if (processes != null) {
                progress.say("Service logs: " + local.processes().directory());
            }
            progress.say(String.format("Platform up in %.0f s.", (System.nanoTime() - started) / 1e9));
            Target base = local.target();
            progress.say("API " + base.apiUrl() + " key " + base.apiKeys().get(0) + " admin token " + base.adminToken()
                    + " webhooks " + base.webhookUrl() + " simulator " + base.simulatorUrl() + " projector "
                    + base.projectorUrl() + " kafka " + base.kafkaBootstrap() + " redis " + base.redisUri());
            target = t.apiKeys.isEmpty() ? base : base.withApiKeys(t.apiKeys);
        } else {
            servicesRoot = repo;
            local = null;
            machine.put("services", "deployment at " + t.apiUrl);
            Map<String, String> services = new LinkedHashMap<>(t.services);
            target = new Target(t.apiUrl, t.adminUrl, t.adminToken, t.apiKeys, t.webhookUrl, t.appSecret,
                    t.simulatorUrl, t.projectorUrl, t.wabaId, t.kafkaBootstrap, t.registryUrl, t.redisUrl, services,
                    false);
        }
        if (run.note != null) {
            machine.put("note", run.note);
        }
    }

    /**
     * In-process: runs only {@code wanted} of the applications during the next scenario (the others are stopped, and
     * started again by a later scenario that wants them) and says so in the report. Against a deployment: nothing.
     */
    public void runOnly(Report report, String... wanted) {
        if (local == null) {
            return;
        }
        java.util.List<String> idle = local.runOnly(java.util.Set.of(wanted));
        if (local.memory() != null) {
            local.memory().reset(); // the scenario's memory window starts now, its services up
        }
        if (!idle.isEmpty()) {
            report.note("Local run: only " + String.join(", ", wanted) + " ran beside Kafka, Redis and the"
                    + " registry; not running for this scenario: " + String.join(", ", idle) + ".");
        }
    }

    public LoadDriver driver() {
        return new LoadDriver(Duration.ofSeconds(run.warmupSeconds), Duration.ofSeconds(run.durationSeconds),
                Duration.ofSeconds(10), progress);
    }

    public Report report(String scenario) {
        Map<String, String> m = new LinkedHashMap<>(machine);
        m.put("load average at start (1, 5, 15 min)", Machine.loadAverage());
        return new Report(scenario, command, m);
    }

    /** Adds memory, prints the report, writes it as JSON and appends it to {@code <out>/report.md}. */
    public void finish(Report report) throws IOException {
        try {
            new MemoryProbe().addTo(report, target, local == null ? null : local.memory(),
                    local == null || local.processes() == null ? null : local.processes().options().heap());
        } catch (RuntimeException e) {
            report.note("Memory could not be read: " + e);
        }
        report.figure("load average at end (1 min)", Double.parseDouble(Machine.loadAverage().split(",")[0]), "");
        String text = ReportText.render(report);
        progress.say("\n" + text);
        Path json = ReportJson.write(report, run.out);
        Files.writeString(run.out.resolve("report.md"), text + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        progress.say("Written: " + json);
    }

    private static java.util.List<String> prepend(String prefix, java.util.List<String> values) {
        return values.stream().map(v -> prefix + v).toList();
    }

    private static Path findRepositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("api-ingress")) && Files.exists(p.resolve("support/local-launcher"))) {
                return p;
            }
        }
        return Path.of("").toAbsolutePath();
    }

    @Override
    public void close() {
        progress.close();
        if (local != null) {
            local.close();
        }
    }
}

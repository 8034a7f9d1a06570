package io.switchboard.bench.cli;

import io.switchboard.bench.core.Report;
import io.switchboard.bench.scenario.DispatchScenario;
import io.switchboard.bench.scenario.EndToEndScenario;
import io.switchboard.bench.scenario.IngressScenario;
import io.switchboard.bench.scenario.ProjectorScenario;
import io.switchboard.bench.scenario.WebhookScenario;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The load generator's command line: one subcommand per scenario (and {@code all}), each against {@code --local}
 * (everything started in this JVM) or a deployment's URLs. Every run prints a live progress line and a final report,
 * and writes the report as JSON (and Markdown) under {@code --out}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, version = "switchboard-bench 0.1.0",
        description = "Switchboard load generator and benchmarks.", sortOptions = false)
public final class BenchMain {

    private static String[] arguments = new String[0];

    @Command(name = "ingress", description = "Text and template sends over HTTP: closed loop (maximum) and open loop at --rates (default 5000,12000).")
    int ingress(@Mixin TargetOptions t, @Mixin RunOptions r) throws Exception {
        return run(t, r, List.of("ingress"));
    }

    @Command(name = "dispatch", description = "A backlog over --numbers business numbers through the dispatcher to the simulator (--sim-latency-ms).")
    int dispatch(@Mixin TargetOptions t, @Mixin RunOptions r) throws Exception {
        return run(t, r, List.of("dispatch"));
    }

    @Command(name = "e2e", description = "Accepted -> sent -> delivered through the status query at --rates (default 1000).")
    int e2e(@Mixin TargetOptions t, @Mixin RunOptions r) throws Exception {
        return run(t, r, List.of("e2e"));
    }

    @Command(name = "webhook", description = "Signed status webhooks, single and --batch per POST: closed loop and open loop at --rates statuses/s (default 15000).")
    int webhook(@Mixin TargetOptions t, @Mixin RunOptions r) throws Exception {
        return run(t, r, List.of("webhook"));
    }

    @Command(name = "projector", description = "--events statuses through the projector's topology, status-query latency meanwhile.")
    int projector(@Mixin TargetOptions t, @Mixin RunOptions r) throws Exception {
        return run(t, r, List.of("projector"));
    }

    @Command(name = "memory", description = "Heap of each service (/prometheus) and RSS, now.")
    int memory(@Mixin TargetOptions t, @Mixin RunOptions r) throws Exception {
        return run(t, r, List.of("memory"));
    }

    @Command(name = "all", description = "Several scenarios on one platform, in order (--scenarios).")
    int all(@Mixin TargetOptions t, @Mixin RunOptions r,
            @Option(names = "--scenarios", split = ",", defaultValue = "dispatch,e2e,projector,webhook,ingress",
                    description = "Scenarios in order (default ${DEFAULT-VALUE}: each leaves a backlog behind for the services it"
                            + " loads, so the dispatcher's and the projector's scenarios come before the ingress's and"
                            + " webhook-ingest's).") List<String> scenarios)
            throws Exception {
        return run(t, r, scenarios);
    }

    private static int run(TargetOptions t, RunOptions r, List<String> scenarios) throws Exception {
        String command = "java -jar support/benchmarks/target/benchmarks.jar " + String.join(" ", arguments);
        try (Session session = new Session(t, r, command)) {
            for (String scenario : scenarios) {
                jdk.jfr.Recording recording = null;
                if (r.jfr) {
                    recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
                    recording.start();
                }
                Report report = switch (scenario) {
                    case "ingress" -> IngressScenario.run(session);
                    case "dispatch" -> DispatchScenario.run(session);
                    case "e2e" -> EndToEndScenario.run(session);
                    case "webhook" -> WebhookScenario.run(session);
                    case "projector" -> ProjectorScenario.run(session);
                    case "memory" -> {
                        Report memory = session.report("memory");
                        // Every application (a --processes run starts none before a scenario asks).
                        session.runOnly(memory, io.switchboard.bench.system.LocalPlatform.ALL.toArray(String[]::new));
                        io.switchboard.bench.core.LoadDriver.sleep(java.time.Duration.ofSeconds(r.holdSeconds));
                        yield memory;
                    }
                    default -> throw new CommandLine.ParameterException(new CommandLine(new BenchMain()),
                            "Unknown scenario " + scenario);
                };
                if (recording != null) {
                    java.nio.file.Files.createDirectories(r.out);
                    java.nio.file.Path file = r.out.resolve(scenario + ".jfr");
                    recording.dump(file);
                    recording.close();
                    report.note("Profiled with JFR (settings 'profile'): " + file);
                }
                session.finish(report);
            }
        }
        return 0;
    }

    public static void main(String[] args) {
        arguments = args.clone();
        int code = new CommandLine(new BenchMain()).execute(args);
        System.exit(code);
    }
}

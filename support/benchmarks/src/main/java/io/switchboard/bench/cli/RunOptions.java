package io.switchboard.bench.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** How long and how hard: shared by every scenario (each uses the ones that apply to it). */
public final class RunOptions {

    @Option(names = "--warmup", defaultValue = "5", description = "Warm-up seconds before each measured step (default ${DEFAULT-VALUE}).")
    public int warmupSeconds;

    @Option(names = "--duration", defaultValue = "20", description = "Measured seconds of each step (default ${DEFAULT-VALUE}).")
    public int durationSeconds;

    @Option(names = "--rates", split = ",", description = "Open-loop rates a second (scenario defaults apply when absent).")
    public List<Double> rates;

    @Option(names = "--connections", defaultValue = "64", description = "HTTP connections of the load client (default ${DEFAULT-VALUE}).")
    public int connections;

    @Option(names = "--closed-workers", defaultValue = "64", description = "Concurrent requests in closed-loop steps (default ${DEFAULT-VALUE}).")
    public int closedWorkers;

    @Option(names = "--io-threads", defaultValue = "1", description = "Netty threads of the load client (default ${DEFAULT-VALUE}).")
    public int ioThreads;

    @Option(names = "--no-closed-loop", description = "Skip the closed-loop (maximum) steps.")
    public boolean noClosedLoop;

    @Option(names = "--no-baselines", description = "Skip the same-run baselines.")
    public boolean noBaselines;

    @Option(names = "--keys", defaultValue = "16", description = "API keys to create through the admin API (ingress; default ${DEFAULT-VALUE}).")
    public int keys;

    @Option(names = "--account", defaultValue = "demo", description = "Account the created keys belong to (ingress; default ${DEFAULT-VALUE}).")
    public String account;

    @Option(names = "--kinds", defaultValue = "text,template", split = ",",
            description = "Send kinds, alternated: text, template (ingress, e2e; default ${DEFAULT-VALUE}).")
    public List<String> kinds;

    @Option(names = "--numbers", defaultValue = "42", description = "Business numbers (dispatch: 42 x 76 paced = 3,192/s; default ${DEFAULT-VALUE}).")
    public int numbers;

    @Option(names = "--number-mps", defaultValue = "80", description = "Each number's budget, messages a second (default ${DEFAULT-VALUE}).")
    public int numberMps;

    @Option(names = "--sim-latency-ms", defaultValue = "250", description = "Simulator's answer latency, median ms (default ${DEFAULT-VALUE}).")
    public int simLatencyMs;

    @Option(names = "--sim-latency-p99-ms", defaultValue = "0",
            description = "Simulator's p99 ms: > 0 = lognormal distribution, 0 = fixed latency (default ${DEFAULT-VALUE}).")
    public int simLatencyP99Ms;

    @Option(names = "--sim-webhooks", description = "dispatch: let the simulator post status webhooks (off by default, to measure the dispatcher alone).")
    public boolean simWebhooks;

    @Option(names = "--sample", defaultValue = "0.02", description = "e2e: fraction of messages followed through the status query (default ${DEFAULT-VALUE}).")
    public double sample;

    @Option(names = "--max-followed", defaultValue = "10", description = "e2e: at most this many messages followed at once; "
            + "a sampled message is skipped while that many are (the polls are load on the system measured; default ${DEFAULT-VALUE}).")
    public int maxFollowed;

    @Option(names = "--poll-ms", defaultValue = "25", description = "e2e: status query interval per followed message (default ${DEFAULT-VALUE}).")
    public int pollMs;

    @Option(names = "--batch", defaultValue = "10", description = "webhook-ingest: statuses per batched POST (default ${DEFAULT-VALUE}).")
    public int batch;

    @Option(names = "--events", defaultValue = "300000", description = "projector: status events to push (default ${DEFAULT-VALUE}).")
    public int events;

    @Option(names = "--max-seconds", defaultValue = "60", description = "projector: stop counting after this long even if not every event is through (default ${DEFAULT-VALUE}).")
    public int maxSeconds;

    @Option(names = "--query-rate", defaultValue = "200", description = "projector: status queries a second while it runs, open loop (default ${DEFAULT-VALUE}).")
    public int queryRate;

    @Option(names = "--out", defaultValue = "support/benchmarks/target/results", description = "Directory of the JSON and Markdown results (default ${DEFAULT-VALUE}).")
    public Path out;

    @Option(names = "--hold", defaultValue = "0", description = "memory: wait this many seconds first (to look at a --local platform by hand).")
    public int holdSeconds;

    @Option(names = "--jfr", description = "Record a JFR profile (settings 'profile') of each scenario, platform start excluded, to <out>/<scenario>.jfr.")
    public boolean jfr;

    @Option(names = "--note", description = "Free text recorded in the report (e.g. what else ran on the machine).")
    public String note;
}

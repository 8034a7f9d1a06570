package io.switchboard.bench.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where the platform is: {@code --local} (started in this JVM) or the URLs and credentials of a deployment. */
public final class TargetOptions {

    @Option(names = "--local", description = "Start Kafka, Redis, the registry, the simulator and the four services in this JVM.")
    public boolean local;

    @Option(names = "--processes",
            description = "--local: run each application in a child JVM of its own (heap and RSS per service); Kafka, Redis and the registry stay in this JVM unless --broker-process.")
    public boolean processes;

    @Option(names = "--broker-process",
            description = "--processes: run the broker and the registry in a JVM of their own too (the load generator's GC then cannot stall them; see the README for what it did to e2e).")
    public boolean brokerProcess;

    @Option(names = "--broker-heap", defaultValue = "1g",
            description = "--broker-process: -Xmx of the broker's (and registry's) JVM (default ${DEFAULT-VALUE}, Kafka's own start script's).")
    public String brokerHeap;

    @Option(names = "--service-heap", defaultValue = "256m",
            description = "--processes: -Xmx of each application's JVM (default ${DEFAULT-VALUE}, the memory target each service must meet).")
    public String serviceHeap;

    @Option(names = "--service-jvm-arg",
            description = "--processes: another argument for each application's JVM, e.g. -XX:+UseSerialGC (repeatable).")
    public List<String> serviceJvmArgs = new ArrayList<>();

    @Option(names = "--services-from", defaultValue = "m2",
            description = "--local: m2 = a frozen copy of the jars installed in ~/.m2 (default); repo = the working tree's target/classes.")
    public String servicesFrom;

    @Option(names = "--repo-root", description = "Repository root (default: found from the current directory).")
    public Path repoRoot;

    @Option(names = "--refresh-services", description = "--local: rebuild the frozen copy of the services.")
    public boolean refreshServices;

    @Option(names = "--sim-status-delay-ms", defaultValue = "100",
            description = "--local: simulator's delay between accepted/sent/delivered webhooks (default ${DEFAULT-VALUE}).")
    public int simStatusDelayMs;

    @Option(names = "--sim-status-batch", defaultValue = "100",
            description = "--local: the simulator posts up to this many status webhooks of one business number in one POST, as WhatsApp batches them (default ${DEFAULT-VALUE}; 1 = one status per POST, the simulator's own default).")
    public int simStatusBatch;

    @Option(names = "--sim-status-batch-ms", defaultValue = "50",
            description = "--local: how long the simulator's first status of a batch waits for more (default ${DEFAULT-VALUE} ms).")
    public int simStatusBatchMs;

    @Option(names = "--dispatcher-max-in-flight", defaultValue = "2048",
            description = "--local: switchboard.dispatcher.max-in-flight (default ${DEFAULT-VALUE}, the service's own default).")
    public int dispatcherMaxInFlight;

    @Option(names = "--set", description = "--local: extra JVM system property key=value read by every service (repeatable).")
    public Map<String, String> extraProperties = new LinkedHashMap<>();

    @Option(names = "--api-url", description = "Public API base, e.g. http://host:8080/api/v1/external")
    public String apiUrl;

    @Option(names = {"--api-key", "--api-keys"}, split = ",", description = "API key(s) to use (repeatable or comma-separated).")
    public List<String> apiKeys = new ArrayList<>();

    @Option(names = "--admin-url", description = "Admin API base, e.g. http://host:8080/api/v1/admin (to create keys and accounts).")
    public String adminUrl;

    @Option(names = "--admin-token", description = "Admin API token.")
    public String adminToken;

    @Option(names = "--webhook-url", description = "webhook-ingest's POST URL, e.g. http://host:8083/webhooks/whatsapp")
    public String webhookUrl;

    @Option(names = "--app-secret", description = "App secret that webhooks are signed with.")
    public String appSecret;

    @Option(names = "--simulator-url", description = "Cloud API simulator base, e.g. http://host:8090")
    public String simulatorUrl;

    @Option(names = {"--status-url", "--projector-url"}, description = "status-projector base, e.g. http://host:8084")
    public String projectorUrl;

    @Option(names = "--waba-id", defaultValue = "100000000000001", description = "WABA id of accounts created by the run.")
    public String wabaId;

    @Option(names = "--kafka-bootstrap", description = "Kafka bootstrap servers (dispatch, projector and Kafka baselines).")
    public String kafkaBootstrap;

    @Option(names = "--registry-url", description = "Schema registry URL (dispatch and projector feed topics directly).")
    public String registryUrl;

    @Option(names = "--redis-url", description = "Redis of the ingress (Lua baseline), e.g. redis://host:6379")
    public String redisUrl;

    @Option(names = "--service", description = "name=base URL of a service for /prometheus (repeatable), e.g. api-ingress=http://host:8080")
    public Map<String, String> services = new LinkedHashMap<>();
}

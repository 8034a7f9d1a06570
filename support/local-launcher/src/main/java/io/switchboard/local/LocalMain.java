package io.switchboard.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.registry.EmbeddedSchemaRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./switchboard local}: starts a real KRaft broker, a real redis-server, the schema registry, the Cloud API
 * simulator and the four services on this machine, prints where they are, writes the same to
 * {@code .switchboard/local.json}, and stops everything in order on Ctrl-C. Data lives in {@code .switchboard/data},
 * so a second start keeps messages, statuses and keys.
 */
public final class LocalMain {

    private LocalMain() {
    }

    public static void main(String[] args) throws Exception {
        LocalOptions options = LocalOptions.parse(args);
        Path home = options.home().resolve(".switchboard");
        Path data = home.resolve("data");
        Platform.Credentials credentials = LocalState.loadOrCreate(home.resolve("state.json"));
        LocalOptions.Ports ports = options.ports();
        String busy = ports.firstBusy();
        if (busy != null) {
            System.err.println("Port " + busy + " is already in use: is Switchboard already running? Stop it, or move "
                    + "every port with --port-offset N.");
            System.exit(1);
        }
        if (!options.verbose()) {
            QuietLogs.install(home);
        }

        LocalKafkaBroker kafka = new LocalKafkaBroker(data.resolve("kafka"), ports.kafka(), ports.kafkaController());
        LocalRedis redis = new LocalRedis(data.resolve("redis"), ports.redis());
        EmbeddedSchemaRegistry[] registry = new EmbeddedSchemaRegistry[1];
        Platform[] platform = new Platform[1];
        CountDownLatch stopped = new CountDownLatch(1);

        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            say("Stopping Switchboard...");
            closeQuietly(platform[0]);
            closeQuietly(registry[0]);
            closeQuietly(redis);
            closeQuietly(kafka);
            say("Stopped.");
            stopped.countDown();
        }, "switchboard-shutdown"));

        try {
            startAll(options, home, data, credentials, ports, kafka, redis, registry, platform);
        } catch (Exception e) {
            System.err.println("Switchboard could not start: " + e.getMessage());
            e.printStackTrace();
            System.exit(1); // the shutdown hook stops whatever had started
        }
        stopped.await();
    }

    private static void startAll(LocalOptions options, Path home, Path data, Platform.Credentials credentials,
                                 LocalOptions.Ports ports, LocalKafkaBroker kafka, LocalRedis redis,
                                 EmbeddedSchemaRegistry[] registry, Platform[] platform) throws Exception {
        say("Starting Kafka (KRaft) on " + ports.kafka() + " ...");
        kafka.start();
        say("Starting Redis on " + ports.redis() + " ...");
        redis.start();
        say("Starting the schema registry on " + ports.registry() + " ...");
        registry[0] = EmbeddedSchemaRegistry.start(kafka.bootstrapServers(), ports.registry());
        say("Starting the Cloud API simulator and the four services ...");
        platform[0] = new Platform(new Platform.Settings(options.home(), kafka.bootstrapServers(), redis.uri(),
                registry[0].url(), ports.platform(), credentials, data.resolve("projector"), "status-projector",
                Duration.ofMillis(300), !options.verbose(), options.demoLimits()));
        platform[0].start();

        DemoCustomer.sayHi(platform[0].simulatorUrl(), platform[0].apiUrl(), credentials.demoApiKey(),
                DemoCustomer.SEED_RECIPIENT);

        LocalBanner.Endpoints endpoints = new LocalBanner.Endpoints(platform[0].apiUrl(),
                platform[0].webhookIngestUrl(), platform[0].simulatorUrl(), registry[0].url(),
                kafka.bootstrapServers(), redis.uri());
        Path localJson = home.resolve("local.json");
        OwnerOnlyFiles.write(localJson, localJson(endpoints, credentials));
        LocalBanner.lines(endpoints, localJson, DemoCustomer.SEED_RECIPIENT).forEach(LocalMain::say);
    }

    /** Everything a user of the local run needs, secrets included: hence a file only its owner can read. */
    static String localJson(LocalBanner.Endpoints endpoints, Platform.Credentials credentials) throws IOException {
        ObjectNode local = new ObjectMapper().createObjectNode()
                .put("api_url", endpoints.apiUrl())
                .put("admin_token", credentials.adminToken())
                .put("demo_api_key", credentials.demoApiKey())
                .put("webhook_ingest_url", endpoints.webhookIngestUrl())
                .put("simulator_url", endpoints.simulatorUrl())
                .put("registry_url", endpoints.registryUrl())
                .put("kafka_bootstrap", endpoints.kafkaBootstrap())
                .put("redis_url", endpoints.redisUrl());
        return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(local) + "\n";
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            System.err.println("While stopping: " + e);
        }
    }

    private static void say(String line) {
        System.out.println(line);
    }
}

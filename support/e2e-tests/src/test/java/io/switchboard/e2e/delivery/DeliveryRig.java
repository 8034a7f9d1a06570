package io.switchboard.e2e.delivery;

import io.switchboard.local.IsolatedService;
import io.switchboard.registry.EmbeddedSchemaRegistry;
import io.switchboard.schemas.TopicProvisioner;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.MessageKind;
import io.switchboard.schemas.avro.SendCommand;
import io.switchboard.schemas.avro.TextContent;
import io.switchboard.schemas.serde.TrustedAvroClasses;
import io.switchboard.testkit.KafkaTestCluster;
import io.switchboard.testkit.RedisTestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The delivery path with nothing faked: a Kafka cluster of the test's choosing, an embedded schema registry on it,
 * the shared real redis-server, the Cloud API simulator and one or more real dispatchers, each application in its
 * own class loader (two Micronaut applications in one JVM would otherwise read each other's application.yml). The
 * test produces {@code SendCommand}s to send-commands as the ingress does and reads back what the dispatchers
 * published ({@link EventLog}) and what the simulator received ({@link SimulatorControl}).
 */
final class DeliveryRig implements AutoCloseable {

    static final String ACCESS_TOKEN = "EAAe2eDeliveryToken" + UUID.randomUUID().toString().replace("-", "");
    static final String ADMIN_TOKEN = "adm_e2e_delivery_" + UUID.randomUUID();

    /** Business number of the pacing test whose budget is raised to 100 messages a second. */
    static final String FAST_NUMBER = "109000000000100";

    private static DeliveryRig shared;

    final KafkaTestCluster kafka;
    final EmbeddedSchemaRegistry registry;
    final SimulatorControl simulator;
    final EventLog events;
    final List<IsolatedDispatcher> dispatchers = new CopyOnWriteArrayList<>();
    private final IsolatedService simulatorService;
    private final Map<String, Object> dispatcherProperties = new HashMap<>();
    private final KafkaProducer<String, SendCommand> producer;

    /**
     * Starts everything but the dispatchers on {@code kafka}; {@code replication} is what the dispatcher uses for
     * the topics it creates. Topics the test needs configured otherwise must exist before.
     */
    DeliveryRig(KafkaTestCluster kafka, short replication, Map<String, Object> simulatorOverrides,
            Map<String, Object> dispatcherOverrides) {
        TrustedAvroClasses.install();
        this.kafka = kafka;
        this.registry = EmbeddedSchemaRegistry.start(kafka.bootstrapServers());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            TopicProvisioner.ensureTopics(admin, List.of(Topics.SEND_COMMANDS, Topics.MESSAGE_EVENTS,
                    Topics.SEND_COMMANDS_DLQ), replication);
        }
        int simulatorPort = freePort();
        Map<String, Object> simulatorProperties = new HashMap<>(Map.of(
                "micronaut.server.port", simulatorPort, "micronaut.server.host", "127.0.0.1",
                "simulator.access-token", ACCESS_TOKEN, "simulator.window.mode", "off",
                "simulator.history-size", 20_000, "logger.levels.root", "WARN"));
        simulatorProperties.putAll(simulatorOverrides);
        simulatorService = IsolatedService.fromModule("cloud-api-simulator",
                repositoryRoot().resolve("support/cloud-api-simulator"));
        simulatorService.start(simulatorProperties);
        simulator = new SimulatorControl("http://127.0.0.1:" + simulatorPort);

        dispatcherProperties.putAll(Map.ofEntries(
                Map.entry("micronaut.server.port", -1), Map.entry("micronaut.server.host", "127.0.0.1"),
                Map.entry("kafka.bootstrap.servers", kafka.bootstrapServers()),
                Map.entry("switchboard.schema-registry.url", registry.url()),
                Map.entry("switchboard.kafka.replication-factor", replication),
                Map.entry("redis.uri", RedisTestServer.shared().uri()),
                Map.entry("switchboard.cloud-api.base-url", simulator.baseUrl()),
                Map.entry("switchboard.cloud-api.access-token", ACCESS_TOKEN),
                Map.entry("switchboard.dispatcher.admin-token", ADMIN_TOKEN),
                Map.entry("switchboard.dispatcher.group-id", "dispatcher-e2e-" + UUID.randomUUID()),
                Map.entry("switchboard.dispatcher.commit-interval", "200ms"),
                // These tests are about delivery: their commands name made-up accounts with several numbers each, so
                // the accounts check of the validation step (tested in KafkaNativeSendEndToEndTest) is off here.
                Map.entry("switchboard.dispatcher.validation.require-account", false),
                Map.entry("logger.levels.root", "WARN")));
        dispatcherProperties.putAll(dispatcherOverrides);
        events = new EventLog(kafka.bootstrapServers(), registry.url());
        producer = ingressProducer();
    }

    /**
     * A send-commands producer configured exactly like api-ingress's {@code SendCommandProducerFactory} with its
     * defaults ({@code kafka-ack-timeout} 10 s, {@code producer-linger} 1 ms): acks=all, idempotent, so an
     * acknowledged command is in every in-sync replica and a retried batch is not written twice.
     */
    KafkaProducer<String, SendCommand> ingressProducer() {
        long ackTimeout = 10_000;
        long linger = 1;
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "e2e-ingress-like-" + UUID.randomUUID());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.LINGER_MS_CONFIG, Long.toString(linger));
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(ackTimeout));
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString((ackTimeout - linger) / 2));
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(ackTimeout));
        return new KafkaProducer<>(config, Topics.SEND_COMMANDS.keySerde().serializer(),
                Topics.SEND_COMMANDS.valueSerde(registry.url()).serializer());
    }

    /**
     * One rig per test JVM for the error-class and pacing tests, on a single-broker cluster of its own (so no other
     * test's dispatcher consumes its commands), with one dispatcher tuned for short tests: small backoffs, a 1 s
     * request timeout, halts rechecked every 200 ms and a fast 130429 recovery. Closed when the JVM exits.
     */
    static synchronized DeliveryRig shared() {
        if (shared == null) {
            KafkaTestCluster cluster = KafkaTestCluster.start(1);
            DeliveryRig rig = new DeliveryRig(cluster, (short) 1, Map.of(), Map.ofEntries(
                    Map.entry("switchboard.dispatcher.max-attempts", 6),
                    Map.entry("switchboard.dispatcher.limited-max-attempts", 3),
                    Map.entry("switchboard.dispatcher.backoff-base", "50ms"),
                    Map.entry("switchboard.dispatcher.backoff-max", "400ms"),
                    Map.entry("switchboard.dispatcher.throttle-backoff-base", "200ms"),
                    Map.entry("switchboard.cloud-api.request-timeout", "1s"),
                    Map.entry("switchboard.dispatcher.pacing.halt-recheck-interval", "200ms"),
                    Map.entry("switchboard.dispatcher.pacing.recovery-per-second", 20),
                    Map.entry("switchboard.dispatcher.pacing.rates." + FAST_NUMBER, 100)));
            rig.startDispatcher(Map.of());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    rig.close();
                } catch (Exception e) {
                    System.err.println("delivery rig did not close cleanly: " + e);
                }
                cluster.close();
            }));
            shared = rig;
        }
        return shared;
    }

    /** The first dispatcher instance. */
    IsolatedDispatcher dispatcher() {
        return dispatchers.get(0);
    }

    /** Starts one more dispatcher instance in the group; {@code overrides} apply to it only. */
    IsolatedDispatcher startDispatcher(Map<String, Object> overrides) {
        Map<String, Object> properties = new HashMap<>(dispatcherProperties);
        properties.putAll(overrides);
        IsolatedDispatcher dispatcher = IsolatedDispatcher.start(repositoryRoot(), properties);
        dispatchers.add(dispatcher);
        return dispatcher;
    }

    static ProducerRecord<String, SendCommand> record(SendCommand command) {
        return new ProducerRecord<>(Topics.SEND_COMMANDS.name(),
                Topics.sendCommandKey(command.getPhoneNumberId(), command.getRecipient()), command);
    }

    /** Produces the commands keyed like the ingress does and waits until Kafka acknowledged them all. */
    void send(List<SendCommand> commands) {
        for (SendCommand command : commands) {
            producer.send(record(command));
        }
        producer.flush();
    }

    /** A text command as the ingress writes it; {@code expiresAt} may be null. */
    static SendCommand text(String accountId, String phoneNumberId, String recipient, String body, Instant expiresAt) {
        return SendCommand.newBuilder().setMessageId(UUID.randomUUID().toString()).setAccountId(accountId)
                .setPhoneNumberId(phoneNumberId).setRecipient(recipient).setKind(MessageKind.TEXT)
                .setText(TextContent.newBuilder().setBody(body).setPreviewUrl(false).build())
                .setAcceptedAt(Instant.now().truncatedTo(ChronoUnit.MILLIS)).setExpiresAt(expiresAt)
                .setSource("api").build();
    }

    /** An admin request to a dispatcher; answers the status code and body. */
    static HttpResponse<String> admin(IsolatedDispatcher dispatcher, String method, String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(dispatcher.url() + path))
                    .header("Authorization", "Bearer " + ADMIN_TOKEN)
                    .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws Exception {
        for (IsolatedDispatcher dispatcher : dispatchers) {
            dispatcher.close();
        }
        simulatorService.close();
        events.close();
        producer.close();
        registry.close();
    }

    static Path repositoryRoot() {
        String configured = System.getProperty("switchboard.repository.root");
        Path dir = configured != null && !configured.isBlank() ? Path.of(configured) : Path.of("").toAbsolutePath();
        for (Path p = dir.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("switchboard")) && Files.exists(p.resolve("dispatcher"))) {
                return p;
            }
        }
        throw new IllegalStateException("Cannot find the repository root from " + dir);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.switchboard.dispatcher;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.switchboard.registry.EmbeddedSchemaRegistry;
import io.switchboard.schemas.serde.TrustedAvroClasses;
import io.switchboard.schemas.TopicProvisioner;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.DeadLetter;
import io.switchboard.schemas.avro.MessageEvent;
import io.switchboard.schemas.avro.SendCommand;
import io.switchboard.testkit.KafkaTestCluster;
import io.switchboard.testkit.RedisTestServer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Everything a dispatcher integration test runs against, all real: the shared Kafka broker, an embedded schema
 * registry, a Cloud API peer over HTTP, and the dispatcher application itself on a random port. Its consumer group
 * is new and starts at the current end of send-commands, so earlier tests' commands are not sent again.
 */
final class DispatcherEnvironment implements AutoCloseable {

    static final String TOKEN = "EAAGm0PX4ZCpsBAIntegrationSecretToken0042";
    static final String ADMIN_TOKEN = "adm_9f2c71d4e0b8a36f";

    final KafkaTestCluster kafka = KafkaTestCluster.shared();
    final EmbeddedSchemaRegistry registry;
    final CloudApiPeer peer;
    final String groupId = "dispatcher-it-" + UUID.randomUUID();
    final Admin admin;
    EmbeddedServer server;
    private final Map<String, Object> properties = new HashMap<>();
    private final List<EmbeddedServer> others = new java.util.concurrent.CopyOnWriteArrayList<>();
    final KafkaProducer<String, SendCommand> producer;
    final TopicCollector<MessageEvent> events;
    final TopicCollector<DeadLetter> deadLetters;

    DispatcherEnvironment(Map<String, Object> overrides) throws Exception {
        TrustedAvroClasses.install();
        registry = EmbeddedSchemaRegistry.shared(kafka.bootstrapServers());
        peer = new CloudApiPeer(TOKEN);
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
        TopicProvisioner.ensureTopics(admin, List.of(Topics.SEND_COMMANDS, Topics.MESSAGE_EVENTS,
                Topics.SEND_COMMANDS_DLQ), (short) 1);
        startGroupAtTheEnd();
        properties.put("micronaut.server.port", -1);
        properties.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        properties.put("switchboard.schema-registry.url", registry.url());
        properties.put("switchboard.cloud-api.base-url", peer.baseUrl());
        properties.put("switchboard.cloud-api.access-token", TOKEN);
        properties.put("switchboard.dispatcher.group-id", groupId);
        properties.put("switchboard.dispatcher.commit-interval", "200ms");
        properties.put("redis.uri", RedisTestServer.shared().uri());
        properties.put("switchboard.dispatcher.admin-token", ADMIN_TOKEN);
        properties.putAll(overrides);
        server = ApplicationContext.run(EmbeddedServer.class, properties);
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                Topics.SEND_COMMANDS.keySerde().serializer(), Topics.SEND_COMMANDS.valueSerde(registry.url()).serializer());
        events = TopicCollector.start(kafka.bootstrapServers(), Topics.MESSAGE_EVENTS, registry.url());
        deadLetters = TopicCollector.start(kafka.bootstrapServers(), Topics.SEND_COMMANDS_DLQ, registry.url());
    }

    private void startGroupAtTheEnd() throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> start = endOffsets().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue())));
        admin.alterConsumerGroupOffsets(groupId, start).all().get();
    }

    /** Produces the commands in order, keyed like the ingress does, and waits until Kafka has them. */
    void send(List<SendCommand> commands) throws Exception {
        for (SendCommand command : commands) {
            producer.send(new ProducerRecord<>(Topics.SEND_COMMANDS.name(),
                    Topics.sendCommandKey(command.getPhoneNumberId(), command.getRecipient()), command));
        }
        producer.flush();
    }

    Map<TopicPartition, Long> endOffsets() throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < Topics.SEND_COMMANDS.partitions(); p++) {
            latest.put(new TopicPartition(Topics.SEND_COMMANDS.name(), p), OffsetSpec.latest());
        }
        return admin.listOffsets(latest).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    Map<TopicPartition, Long> committedOffsets() throws ExecutionException, InterruptedException {
        return admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get().entrySet().stream()
                .filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    List<MessageEvent> eventsOf(String messageId) {
        return events.values().stream().filter(e -> e.getMessageId().equals(messageId)).toList();
    }

    List<DeadLetter> deadLettersOf(String messageId) {
        return deadLetters.values().stream().filter(d -> d.getCommand().getMessageId().equals(messageId)).toList();
    }

    /** Stops the dispatcher (a clean shutdown) and starts a new one with the same settings, in the same group. */
    void restartDispatcher() {
        ApplicationContext context = server.getApplicationContext();
        server.close();
        if (context.isRunning()) {
            context.close();
        }
        server = ApplicationContext.run(EmbeddedServer.class, properties);
    }

    /** Another dispatcher instance in the same consumer group, sharing the same Redis and peer. */
    EmbeddedServer startAnotherInstance() {
        EmbeddedServer other = ApplicationContext.run(EmbeddedServer.class, properties);
        others.add(other);
        return other;
    }

    /** The value of {@code key} in the Redis the dispatcher uses. */
    String redisGet(String key) {
        return redis(redis -> redis.get(key));
    }

    /** Sets {@code key} in the Redis the dispatcher uses. */
    void redisSet(String key, String value) {
        redis(redis -> redis.set(key, value));
    }

    private <T> T redis(java.util.function.Function<io.lettuce.core.api.sync.RedisCommands<String, String>, T> command) {
        io.lettuce.core.RedisClient client = io.lettuce.core.RedisClient.create(RedisTestServer.shared().uri());
        try (var connection = client.connect()) {
            return command.apply(connection.sync());
        } finally {
            client.shutdown();
        }
    }

    /** A request to the dispatcher's HTTP port; {@code admin} adds the admin bearer token. */
    java.net.http.HttpResponse<String> call(String method, String path, boolean admin) throws Exception {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url(path)))
                .method(method, java.net.http.HttpRequest.BodyPublishers.noBody());
        if (admin) {
            request.header("Authorization", "Bearer " + ADMIN_TOKEN);
        }
        return java.net.http.HttpClient.newHttpClient().send(request.build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getPort() + path;
    }

    @Override
    public void close() throws Exception {
        for (EmbeddedServer other : others) {
            ApplicationContext otherContext = other.getApplicationContext();
            other.close();
            if (otherContext.isRunning()) {
                otherContext.close();
            }
        }
        ApplicationContext context = server.getApplicationContext();
        server.close();
        if (context.isRunning()) {
            context.close();
        }
        events.close();
        deadLetters.close();
        producer.close();
        admin.close();
        peer.close();
    }
}

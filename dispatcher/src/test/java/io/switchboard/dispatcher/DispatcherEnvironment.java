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

    final KafkaTestCluster kafka = KafkaTestCluster.shared();
    final EmbeddedSchemaRegistry registry;
    final CloudApiPeer peer;
    final String groupId = "dispatcher-it-" + UUID.randomUUID();
    final Admin admin;
    final EmbeddedServer server;
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
        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.server.port", -1);
        properties.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        properties.put("switchboard.schema-registry.url", registry.url());
        properties.put("switchboard.cloud-api.base-url", peer.baseUrl());
        properties.put("switchboard.cloud-api.access-token", TOKEN);
        properties.put("switchboard.dispatcher.group-id", groupId);
        properties.put("switchboard.dispatcher.commit-interval", "200ms");
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

    String url(String path) {
        return "http://127.0.0.1:" + server.getPort() + path;
    }

    @Override
    public void close() throws Exception {
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

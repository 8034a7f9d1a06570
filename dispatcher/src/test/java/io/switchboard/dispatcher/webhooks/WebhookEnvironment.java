package io.switchboard.dispatcher.webhooks;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.switchboard.registry.EmbeddedSchemaRegistry;
import io.switchboard.schemas.Topic;
import io.switchboard.schemas.TopicProvisioner;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.serde.TrustedAvroClasses;
import io.switchboard.testkit.KafkaTestCluster;
import io.switchboard.testkit.RedisTestServer;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The real things a customer-webhook test runs against: the shared broker, the embedded registry, and dispatcher
 * contexts (send pipeline off, webhooks on, compressed retry schedule) that can be stopped and started again with
 * the same consumer groups, as a restarted deployment would.
 */
final class WebhookEnvironment implements AutoCloseable {

    static final String ADMIN_TOKEN = "adm_webhooks_7c1e";

    final KafkaTestCluster kafka = KafkaTestCluster.shared();
    final EmbeddedSchemaRegistry registry;
    private final Map<String, Object> properties = new HashMap<>();
    private final KafkaProducer<String, byte[]> producer;
    private EmbeddedServer server;

    WebhookEnvironment(Map<String, Object> overrides) throws Exception {
        TrustedAvroClasses.install();
        registry = EmbeddedSchemaRegistry.shared(kafka.bootstrapServers());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            TopicProvisioner.ensureTopics(admin, Topics.all(), (short) 1);
        }
        String run = UUID.randomUUID().toString();
        properties.put("micronaut.server.port", -1);
        properties.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        properties.put("switchboard.schema-registry.url", registry.url());
        properties.put("switchboard.cloud-api.access-token", "unused-in-webhook-tests");
        properties.put("switchboard.dispatcher.enabled", false);
        properties.put("switchboard.dispatcher.admin-token", ADMIN_TOKEN);
        properties.put("redis.uri", RedisTestServer.shared().uri());
        properties.put("switchboard.webhooks.master-key", WebhookFixtures.MASTER_KEY);
        properties.put("switchboard.webhooks.group-id", "webhooks-it-" + run);
        properties.put("switchboard.webhooks.fanout-group-id", "webhooks-fanout-it-" + run);
        properties.put("switchboard.webhooks.auto-offset-reset", "earliest");
        properties.put("switchboard.webhooks.retry-schedule", "1s,1s,1s,1s");
        properties.put("switchboard.webhooks.request-timeout", "1s");
        properties.put("switchboard.webhooks.health-publish-interval", "100ms");
        properties.putAll(overrides);
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    void start() {
        server = ApplicationContext.run(EmbeddedServer.class, properties);
    }

    void stop() {
        ApplicationContext context = server.getApplicationContext();
        server.close();
        if (context.isRunning()) {
            context.close();
        }
    }

    ApplicationContext context() {
        return server.getApplicationContext();
    }

    <V extends SpecificRecord> void produce(Topic<V> topic, String key, V value) throws Exception {
        byte[] bytes = topic.valueSerde(registry.url()).serializer().serialize(topic.name(), value);
        producer.send(new ProducerRecord<>(topic.name(), key, bytes)).get();
    }

    java.net.http.HttpResponse<String> admin(String method, String path) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + server.getPort() + path))
                .method(method, java.net.http.HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Bearer " + ADMIN_TOKEN).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        stop();
        producer.close();
    }
}

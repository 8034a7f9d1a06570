package io.switchboard.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class KafkaTestClusterTest {

    @Test
    void sharedClusterCarriesARecordFromProducerToConsumer() throws Exception {
        KafkaTestCluster cluster = KafkaTestCluster.shared();
        String topic = "round-trip-" + UUID.randomUUID();
        cluster.createTopic(topic, 3, false);

        try (KafkaProducer<String, String> producer = producer(cluster)) {
            producer.send(new ProducerRecord<>(topic, "key-1", "hello")).get(30, TimeUnit.SECONDS);
        }

        assertThat(consumeAll(cluster, topic, 1)).extracting(ConsumerRecord::value).containsExactly("hello");
    }

    @Test
    void sharedClusterIsOneInstancePerJvmAndIgnoresClose() {
        KafkaTestCluster first = KafkaTestCluster.shared();
        first.close();

        assertThat(KafkaTestCluster.shared()).isSameAs(first);
        assertThat(first.brokerIds()).containsExactly(0);
        first.createTopic("still-alive-" + UUID.randomUUID(), 1, false);
    }

    @Test
    void createTopicIsIdempotentAndAppliesCompaction() throws Exception {
        KafkaTestCluster cluster = KafkaTestCluster.shared();
        String topic = "compacted-" + UUID.randomUUID();
        cluster.createTopic(topic, 2, true);
        cluster.createTopic(topic, 2, true);

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            String policy = admin.describeConfigs(List.of(resource)).all().get().get(resource)
                    .get("cleanup.policy").value();
            assertThat(description.partitions()).hasSize(2);
            assertThat(policy).isEqualTo("compact");
        }
    }

    @Test
    void topicsAreNotCreatedAutomatically() {
        KafkaTestCluster cluster = KafkaTestCluster.shared();
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 1_500);
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("never-created-" + UUID.randomUUID(), "v")).get())
                    .hasMessageContaining("not present in metadata");
        }
    }

    @Test
    void threeBrokerClusterKeepsAcceptingAcksAllWritesWithOneBrokerStopped() throws Exception {
        try (KafkaTestCluster cluster = KafkaTestCluster.start(3)) {
            assertThat(cluster.brokerIds()).containsExactly(0, 1, 2);
            String topic = "replicated-" + UUID.randomUUID();
            cluster.createTopic(topic, 3, false);
            try (KafkaProducer<String, String> producer = producer(cluster)) {
                producer.send(new ProducerRecord<>(topic, "k", "before")).get(30, TimeUnit.SECONDS);

                cluster.stopBroker(2);
                producer.send(new ProducerRecord<>(topic, "k", "during")).get(60, TimeUnit.SECONDS);

                cluster.restartBroker(2);
                producer.send(new ProducerRecord<>(topic, "k", "after")).get(60, TimeUnit.SECONDS);
            }

            assertThat(consumeAll(cluster, topic, 3)).extracting(ConsumerRecord::value)
                    .containsExactly("before", "during", "after");
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
                TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
                assertThat(description.partitions()).allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
                assertThat(admin.describeCluster().nodes().get()).hasSize(3);
            }
        }
    }

    @Test
    void singleBrokerOfACombinedNodeCanBeStoppedAndRestarted() throws Exception {
        try (KafkaTestCluster cluster = KafkaTestCluster.start(1)) {
            String topic = "combined-" + UUID.randomUUID();
            cluster.createTopic(topic, 1, false);

            cluster.stopBroker(0);
            Map<String, Object> config = Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, 1_000,
                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 1_500,
                    ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 1_000);
            try (KafkaProducer<String, String> producer =
                         new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
                assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topic, "k", "lost")).get())
                        .hasCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
            }

            cluster.restartBroker(0);
            try (KafkaProducer<String, String> producer = producer(cluster)) {
                producer.send(new ProducerRecord<>(topic, "k", "back")).get(60, TimeUnit.SECONDS);
            }
            assertThat(consumeAll(cluster, topic, 1)).extracting(ConsumerRecord::value).containsExactly("back");
        }
    }

    private static KafkaProducer<String, String> producer(KafkaTestCluster cluster) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new StringSerializer(), new StringSerializer());
    }

    private static List<ConsumerRecord<String, String>> consumeAll(KafkaTestCluster cluster, String topic, int expected) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= expected;
            });
        }
        return records;
    }
}

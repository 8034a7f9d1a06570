package io.switchboard.infrastructure.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.testkit.KafkaTestCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class ConsumerLagTest {

    private final String bootstrap = KafkaTestCluster.shared().bootstrapServers();

    @Test
    void theGaugeIsHowFarTheConsumerIsBehindTheEndOfItsPartitions() throws Exception {
        String topic = "lag-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>(topic, i % 2, "k" + i, "v" + i)).get();
            }
        }
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ConsumerLag lag = new ConsumerLag(meters, "test.consumer.lag", "g", List.of(topic));
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.GROUP_ID_CONFIG, "g-" + topic,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(20)).until(() -> !consumer.poll(Duration.ofMillis(100)).isEmpty());

            lag.measure(consumer);
            double behind = meters.get("test.consumer.lag").tag("group", "g").tag("topic", topic).gauge().value();
            assertThat(behind).isBetween(1.0, 9.0);

            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(1100)).until(() -> {
                while (!consumer.poll(Duration.ofMillis(100)).isEmpty()) {
                    // read to the end
                }
                lag.measure(consumer);
                return meters.get("test.consumer.lag").gauge().value() == 0.0;
            });
        }
    }
}

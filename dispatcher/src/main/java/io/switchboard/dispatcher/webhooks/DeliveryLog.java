package io.switchboard.dispatcher.webhooks;

import io.switchboard.schemas.Topic;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.WebhookAttempt;
import io.switchboard.schemas.avro.WebhookDelivery;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;

/**
 * Reads the delivery log and the event history straight from Kafka for the admin API: the attempts of one webhook id
 * (only its key's partition of {@code webhook-attempts}, from {@code log-lookback} ago), and a replay of an
 * endpoint's events written to {@code webhook-deliveries} in a time range, re-sent as replays with their original
 * webhook ids. Each call uses its own short-lived consumer, outside any group; a blocking call, run off the event loop.
 */
final class DeliveryLog {

    private final Map<String, Object> kafka;
    private final String registryUrl;
    private final WebhookRecords records;
    private final Duration lookback;

    DeliveryLog(Map<String, Object> kafka, String registryUrl, WebhookRecords records, Duration lookback) {
        this.kafka = kafka;
        this.registryUrl = registryUrl;
        this.records = records;
        this.lookback = lookback;
    }

    /** Every logged attempt of the webhook id, oldest first. */
    List<WebhookAttempt> attempts(String webhookId) {
        int partition = Utils.toPositive(Utils.murmur2(webhookId.getBytes(StandardCharsets.UTF_8)))
                % Topics.WEBHOOK_ATTEMPTS.partitions();
        return scan(Topics.WEBHOOK_ATTEMPTS, List.of(partition), Instant.now().minus(lookback), Instant.now(),
                attempt -> attempt.getWebhookId().equals(webhookId));
    }

    /** Re-sends the endpoint's events first written in [from, to); answers the webhook ids replayed. */
    List<String> replay(String endpointId, Instant from, Instant to) {
        List<Integer> partitions = new ArrayList<>();
        for (int p = 0; p < Topics.WEBHOOK_DELIVERIES.partitions(); p++) {
            partitions.add(p);
        }
        Map<String, WebhookDelivery> events = new LinkedHashMap<>();
        for (WebhookDelivery delivery : scan(Topics.WEBHOOK_DELIVERIES, partitions, from, to,
                d -> d.getEndpointId().equals(endpointId) && !d.getReplay())) {
            events.putIfAbsent(delivery.getWebhookId(), delivery);
        }
        events.values().forEach(d -> records.delivery(WebhookDelivery.newBuilder(d).setReplay(true)
                .setAttempts(0).setFirstAttemptAt(null).build()));
        records.flush();
        return List.copyOf(events.keySet());
    }

    private <V extends SpecificRecord> List<V> scan(Topic<V> topic, List<Integer> partitionNumbers, Instant from,
                                                    Instant to, Predicate<V> wanted) {
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "webhooks-log-" + UUID.randomUUID());
        List<V> found = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(config, topic.keySerde().deserializer(),
                topic.valueSerde(registryUrl).deserializer())) {
            List<TopicPartition> partitions = partitionNumbers.stream()
                    .map(p -> new TopicPartition(topic.name(), p)).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Map<TopicPartition, Long> query = new HashMap<>();
            partitions.forEach(p -> query.put(p, from.toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> start = consumer.offsetsForTimes(query);
            for (TopicPartition partition : partitions) {
                OffsetAndTimestamp offset = start.get(partition);
                consumer.seek(partition, offset == null ? end.get(partition) : offset.offset());
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() != null && record.timestamp() < to.toEpochMilli()
                            && wanted.test(record.value())) {
                        found.add(record.value());
                    }
                }
            }
        }
        return found;
    }
}

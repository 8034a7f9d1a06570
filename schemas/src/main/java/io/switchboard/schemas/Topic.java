package io.switchboard.schemas;

import io.switchboard.schemas.registry.SchemaRegistryClients;
import io.switchboard.schemas.serde.AvroSerde;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * One topic of the catalogue: its name, how many partitions it has, how Kafka keeps it, and the serdes of its key
 * and value. Keys are plain UTF-8 strings; values are Avro in the Confluent wire format, registered under the subject
 * {@code <topic>-value} (Confluent's TopicNameStrategy), so any Confluent-compatible client can read and write them.
 *
 * @param name topic name
 * @param partitions partition count used when the topic is created
 * @param cleanupPolicy delete (time-based) or compact (latest value per key)
 * @param retention how long records are kept when the policy is delete; ignored for compacted topics
 * @param valueType the generated Avro class of the value
 * @param description what the topic carries, for operators
 * @param maxMessageBytes largest record the topic accepts, or 0 for the broker's default (1 MB)
 */
public record Topic<V extends SpecificRecord>(
        String name,
        int partitions,
        CleanupPolicy cleanupPolicy,
        Duration retention,
        Class<V> valueType,
        String description,
        int maxMessageBytes) {

    public Topic(String name, int partitions, CleanupPolicy cleanupPolicy, Duration retention, Class<V> valueType,
                 String description) {
        this(name, partitions, cleanupPolicy, retention, valueType, description, 0);
    }

    /** Keys are plain strings on every topic. */
    public Serde<String> keySerde() {
        return Serdes.String();
    }

    /** A value serde in the Confluent wire format, registering the value schema at {@code registryUrl} when needed. */
    public Serde<V> valueSerde(String registryUrl) {
        return AvroSerde.forValues(valueType, registryUrl);
    }

    /**
     * Registers the value schema now, so the first record a service writes does not wait for the registry (and a
     * registry that refuses the schema stops the service at start rather than at its first message).
     */
    public int registerValueSchema(String registryUrl) {
        return SchemaRegistryClients.forUrl(registryUrl).register(valueSubject(), SpecificData.get().getSchema(valueType));
    }

    /** The registry subject of the value schema. */
    public String valueSubject() {
        return name + "-value";
    }

    /** Topic-level configs to create the topic with. */
    public Map<String, String> topicConfigs() {
        Map<String, String> configs = new LinkedHashMap<>();
        configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, cleanupPolicy.kafkaValue());
        if (maxMessageBytes > 0) {
            configs.put(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(maxMessageBytes));
        }
        if (cleanupPolicy == CleanupPolicy.DELETE) {
            configs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention.toMillis()));
        } else {
            // Compacted config topics are small: compact eagerly so restarts replay little.
            configs.put(TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, "0");
            configs.put(TopicConfig.SEGMENT_MS_CONFIG, Long.toString(Duration.ofHours(1).toMillis()));
        }
        return configs;
    }
}

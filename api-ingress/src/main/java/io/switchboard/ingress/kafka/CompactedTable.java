package io.switchboard.ingress.kafka;

import io.micronaut.core.annotation.Nullable;
import io.switchboard.schemas.Topic;
import jakarta.annotation.PreDestroy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.specific.SpecificRecord;

/**
 * A compacted topic as an in-memory table on every instance: the latest value per key, tombstones remove, followed
 * for as long as the instance runs. Not ready until read to where the topic ended at start, because before that a
 * missing entry might merely be unread.
 */
public abstract class CompactedTable<V extends SpecificRecord> implements AutoCloseable {

    private final Map<String, V> values = new ConcurrentHashMap<>();
    private final CompactedTopicReader<V> reader;

    protected CompactedTable(Topic<V> topic, KafkaSettings kafka) {
        this.reader = new CompactedTopicReader<>(topic, kafka.clientConfig(),
                topic.valueSerde(kafka.registryUrl()).deserializer(), this::apply);
    }

    private void apply(String key, @Nullable V value) {
        if (value == null) {
            values.remove(key);
        } else {
            values.put(key, value);
        }
    }

    /** Starts reading (called once the topic exists). */
    public void start() {
        reader.start();
    }

    public boolean isReady() {
        return reader.isCaughtUp();
    }

    public CompletableFuture<Void> ready() {
        return reader.caughtUp();
    }

    public int size() {
        return values.size();
    }

    /** A snapshot of every value. */
    public List<V> all() {
        return List.copyOf(values.values());
    }

    @Nullable
    protected V get(String key) {
        return values.get(key);
    }

    @PreDestroy
    @Override
    public void close() {
        reader.close();
    }
}

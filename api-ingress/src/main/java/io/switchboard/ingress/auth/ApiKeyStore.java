package io.switchboard.ingress.auth;

import io.micronaut.core.annotation.Nullable;
import io.switchboard.ingress.kafka.CompactedTopicReader;
import io.switchboard.ingress.kafka.KafkaSettings;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.ApiKey;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;

/**
 * The api-keys topic as an in-memory table, kept current by following the topic (changes are visible within one
 * poll, well under a second). Not ready until the topic has been read up to where it ended at start: before that,
 * an unknown key might merely be unread, so callers answer "unavailable", not "invalid".
 */
@Singleton
public class ApiKeyStore implements AutoCloseable {

    private final ApiKeyIndex index = new ApiKeyIndex();
    private final CompactedTopicReader<ApiKey> reader;

    public ApiKeyStore(KafkaSettings kafka) {
        this.reader = new CompactedTopicReader<>(Topics.API_KEYS, kafka.clientConfig(),
                Topics.API_KEYS.valueSerde(kafka.registryUrl()).deserializer(), index::apply);
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

    @Nullable
    public ApiKey byHash(String keyHash) {
        return index.byHash(keyHash);
    }

    @Nullable
    public ApiKey byId(String keyId) {
        return index.byId(keyId);
    }

    public int size() {
        return index.size();
    }

    /** A snapshot of every key (for the admin API's listing). */
    public java.util.List<ApiKey> all() {
        return index.all();
    }

    @PreDestroy
    @Override
    public void close() {
        reader.close();
    }
}

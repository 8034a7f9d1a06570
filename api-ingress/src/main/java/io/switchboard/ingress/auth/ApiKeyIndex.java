package io.switchboard.ingress.auth;

import io.micronaut.core.annotation.Nullable;
import io.switchboard.schemas.avro.ApiKey;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The api-keys table in memory, by record id (the topic's key) and by key hash (what a request presents). A record
 * that changes its hash no longer answers to the old one; a tombstone removes the key entirely. One thread writes
 * (the topic reader), request threads read.
 */
public final class ApiKeyIndex {

    private final Map<String, ApiKey> byId = new ConcurrentHashMap<>();
    private final Map<String, ApiKey> byHash = new ConcurrentHashMap<>();

    /** Applies one record of the topic; {@code value == null} is a tombstone. */
    public void apply(String keyId, @Nullable ApiKey value) {
        ApiKey previous = value == null ? byId.remove(keyId) : byId.put(keyId, value);
        if (previous != null && (value == null || !previous.getKeyHash().equals(value.getKeyHash()))) {
            // Identity, not equals: generated Avro equals is not needed here, and the entry may already be another key's.
            byHash.computeIfPresent(previous.getKeyHash(), (hash, current) -> current == previous ? null : current);
        }
        if (value != null) {
            byHash.put(value.getKeyHash(), value);
        }
    }

    @Nullable
    public ApiKey byHash(String keyHash) {
        return byHash.get(keyHash);
    }

    @Nullable
    public ApiKey byId(String keyId) {
        return byId.get(keyId);
    }

    public int size() {
        return byId.size();
    }

    /** A snapshot of every key (for the admin API's listing). */
    public java.util.List<ApiKey> all() {
        return java.util.List.copyOf(byId.values());
    }
}

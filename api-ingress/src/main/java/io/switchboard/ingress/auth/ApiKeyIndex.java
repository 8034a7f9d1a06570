package io.switchboard.ingress.auth;

import io.micronaut.core.annotation.Nullable;
import io.switchboard.schemas.avro.ApiKey;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The api-keys table in memory, by record id (the topic's key) and by key hash (what a request presents). A deleted
 * key (a record with {@code deletedAt}) is kept only by its hash, so its holder can be told it was deleted, while
 * every listing and lookup by id sees it as gone. A record that changes its hash no longer answers to the old one; a
 * tombstone removes the key entirely. One thread writes (the topic reader), request threads read.
 */
public final class ApiKeyIndex {

    private final Map<String, ApiKey> byId = new ConcurrentHashMap<>();
    private final Map<String, ApiKey> deletedById = new ConcurrentHashMap<>();
    private final Map<String, ApiKey> byHash = new ConcurrentHashMap<>();

    /** Applies one record of the topic; {@code value == null} is a tombstone. */
    public void apply(String keyId, @Nullable ApiKey value) {
        boolean live = value != null && value.getDeletedAt() == null;
        ApiKey previous = live ? byId.put(keyId, value) : byId.remove(keyId);
        ApiKey previousDeleted = live || value == null ? deletedById.remove(keyId) : deletedById.put(keyId, value);
        forgetHash(previous, value);
        forgetHash(previousDeleted, value);
        if (value != null) {
            byHash.put(value.getKeyHash(), value);
        }
    }

    private void forgetHash(@Nullable ApiKey previous, @Nullable ApiKey value) {
        if (previous != null && (value == null || !previous.getKeyHash().equals(value.getKeyHash()))) {
            // Identity, not equals: generated Avro equals is not needed here, and the entry may already be another key's.
            byHash.computeIfPresent(previous.getKeyHash(), (hash, current) -> current == previous ? null : current);
        }
    }

    /** The record of this key hash, a deleted key's marker included. */
    @Nullable
    public ApiKey byHash(String keyHash) {
        return byHash.get(keyHash);
    }

    /** A key that was not deleted. */
    @Nullable
    public ApiKey byId(String keyId) {
        return byId.get(keyId);
    }

    /** Keys that were not deleted. */
    public int size() {
        return byId.size();
    }

    /** A snapshot of every key that was not deleted (for the admin API's listing). */
    public List<ApiKey> all() {
        return List.copyOf(byId.values());
    }
}

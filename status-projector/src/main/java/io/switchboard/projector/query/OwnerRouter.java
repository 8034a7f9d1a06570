package io.switchboard.projector.query;

import io.switchboard.projector.streams.ProjectorStreams;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Decides where a key of a queryable store is read: in this instance's own partition of the store, at the owning
 * instance (forwarded once), or nowhere yet. Streams names the active owner ({@code queryMetadataForKey}); anything
 * short of a settled owner (not RUNNING, rebalancing, owner unknown, a forwarded query that landed on a non-owner)
 * is "not ready", never a wrong "not found". Shared by every interactive query so they route alike. Each key's owner
 * is remembered until Streams next changes state (at most 20,000 keys per store), so a poll of the same message does
 * not wait on Streams' metadata lock on the event loop.
 */
@Singleton
public class OwnerRouter {

    private static final StringSerializer KEY_SERIALIZER = new StringSerializer();

    private static final int MAX_REMEMBERED_PER_STORE = 20_000;

    private final ProjectorStreams projector;
    private volatile Owners owners = new Owners(-1, new ConcurrentHashMap<>());

    public OwnerRouter(ProjectorStreams projector) {
        this.projector = projector;
    }

    /** Where {@code key} of {@code store} is to be read. */
    public sealed interface Route {
    }

    /** This instance owns the key: read partition {@code partition} of the local store. */
    public record Local(KafkaStreams streams, int partition) implements Route {
    }

    /** Another instance owns the key: forward the query there. */
    public record Remote(HostInfo owner) implements Route {
    }

    /** No settled owner: answer 503. */
    public record Unready(String why) implements Route {
    }

    /**
     * @param forwarded true when another instance forwarded this query here; it is then never forwarded again
     */
    public Route route(String store, String key, boolean forwarded) {
        Optional<KafkaStreams> running = projector.streams().filter(s -> s.state() == KafkaStreams.State.RUNNING);
        Optional<HostInfo> self = projector.self();
        if (running.isEmpty() || self.isEmpty()) {
            return new Unready("streams not running");
        }
        KafkaStreams streams = running.get();
        KeyQueryMetadata owner;
        try {
            owner = owner(streams, store, key);
        } catch (RuntimeException e) {
            return new Unready("metadata unavailable: " + e.getMessage());
        }
        if (!settled(owner)) {
            return new Unready("owner unknown");
        }
        if (owner.activeHost().equals(self.get())) {
            return new Local(streams, owner.partition());
        }
        if (forwarded) {
            return new Unready("forwarded to a non-owner");
        }
        return new Remote(owner.activeHost());
    }

    /**
     * Streams' answer for {@code key}, remembered until Streams next changes state: {@code queryMetadataForKey} is
     * synchronized on Streams' metadata, and on a busy machine an event loop waited there for tens of milliseconds
     * behind the other event loop (docs/BENCHMARKS.md). Owners only change in a rebalance, which is a state change.
     */
    private KeyQueryMetadata owner(KafkaStreams streams, String store, String key) {
        long generation = projector.stateChanges();
        Owners current = owners;
        if (current.generation() != generation) {
            current = new Owners(generation, new ConcurrentHashMap<>());
            owners = current;
        }
        Map<String, KeyQueryMetadata> byKey = current.byStore().computeIfAbsent(store, s -> new ConcurrentHashMap<>());
        KeyQueryMetadata known = byKey.get(key);
        if (known != null) {
            return known;
        }
        KeyQueryMetadata found = streams.queryMetadataForKey(store, key, KEY_SERIALIZER);
        if (settled(found) && projector.stateChanges() == generation) {
            if (byKey.size() >= MAX_REMEMBERED_PER_STORE) {
                byKey.clear();
            }
            byKey.put(key, found);
        }
        return found;
    }

    /**
     * The active owner of every partition {@code 0..partitions-1} of {@code store}, for queries that read all of a
     * store's partitions (scatter-gather); empty when Streams is not running or any partition has no settled owner.
     * Asks Streams' metadata once per partition, which waits on its lock: call it off the event loop.
     */
    public Optional<Map<Integer, HostInfo>> partitionOwners(String store, int partitions) {
        Optional<KafkaStreams> running = projector.streams().filter(s -> s.state() == KafkaStreams.State.RUNNING);
        if (running.isEmpty() || projector.self().isEmpty()) {
            return Optional.empty();
        }
        Map<Integer, HostInfo> owners = new java.util.TreeMap<>();
        try {
            for (int partition = 0; partition < partitions; partition++) {
                int fixed = partition;
                StreamPartitioner<String, Object> onePartition = (topic, key, value, count) ->
                        Optional.of(java.util.Set.of(fixed));
                KeyQueryMetadata owner = running.get().queryMetadataForKey(store, "", onePartition);
                if (!settled(owner) || owner.partition() != partition) {
                    return Optional.empty();
                }
                owners.put(partition, owner.activeHost());
            }
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        return Optional.of(owners);
    }

    private static boolean settled(KeyQueryMetadata owner) {
        return owner != null && !KeyQueryMetadata.NOT_AVAILABLE.equals(owner) && owner.activeHost() != null
                && owner.activeHost().port() >= 0;
    }

    /** Owners learnt while Streams' state-change count was {@code generation}, by store and key. */
    private record Owners(long generation, Map<String, Map<String, KeyQueryMetadata>> byStore) {
    }
}

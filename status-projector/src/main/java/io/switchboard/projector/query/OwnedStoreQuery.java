package io.switchboard.projector.query;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * A point query on one key-value store of the topology, answered by whichever instance owns the key's partition
 * ({@link OwnerRouter}): this instance reads its own store, or forwards the query to the owner once
 * ({@link PeerForwarder}, under {@code /internal/<path>/<key>}). A local read first asks {@link #recent} (a lock-free
 * view kept beside the store, if the query has one); the store itself is read on the {@code storeReads} executor,
 * never on the calling event loop, because finding and reading a store waits on locks the stream thread holds
 * (its task registry, RocksDB's synchronized writes and flushes).
 *
 * @param <V> the store's value type
 */
abstract class OwnedStoreQuery<V> {

    private final OwnerRouter router;
    private final PeerForwarder forwarder;
    private final String storeName;
    private final String path;
    private final Executor storeReads;

    OwnedStoreQuery(OwnerRouter router, PeerForwarder forwarder, String storeName, String path, Executor storeReads) {
        this.router = router;
        this.forwarder = forwarder;
        this.storeName = storeName;
        this.path = path;
        this.storeReads = storeReads;
    }

    /** The answer's body for a found value. */
    abstract Object view(String key, V value);

    /** The key's latest value from a view that needs no store read, or null when it does not hold the key. */
    V recent(String key, int partition) {
        return null;
    }

    /**
     * Called right before this instance reads the store for {@code key}; whatever it returns is handed to
     * {@link #answered} with the value read. Default: nothing.
     */
    Object beforeStoreRead(String key, int partition) {
        return null;
    }

    /** What the store answered for {@code key} (null when absent), with {@link #beforeStoreRead}'s result. */
    void answered(Object beforeRead, String key, V value) {
    }

    /**
     * @param forwarded true when another instance forwarded this query here; it is then never forwarded again
     */
    public CompletableFuture<QueryAnswer> find(String key, boolean forwarded) {
        OwnerRouter.Route route = router.route(storeName, key, forwarded);
        if (route instanceof OwnerRouter.Local local) {
            V known = recent(key, local.partition());
            if (known != null) {
                return CompletableFuture.completedFuture(new QueryAnswer.Found(view(key, known)));
            }
            return CompletableFuture.supplyAsync(() -> readLocal(local.streams(), key, local.partition()), storeReads);
        }
        if (route instanceof OwnerRouter.Remote remote) {
            return forwarder.forward(remote.owner(), path, key);
        }
        return CompletableFuture.completedFuture(new QueryAnswer.NotReady(((OwnerRouter.Unready) route).why()));
    }

    private QueryAnswer readLocal(KafkaStreams streams, String key, int partition) {
        try {
            ReadOnlyKeyValueStore<String, V> store = streams.store(StoreQueryParameters
                    .fromNameAndType(storeName, QueryableStoreTypes.<String, V>keyValueStore()).withPartition(partition));
            Object beforeRead = beforeStoreRead(key, partition);
            V value = store.get(key);
            answered(beforeRead, key, value);
            return value == null ? new QueryAnswer.NotFound() : new QueryAnswer.Found(view(key, value));
        } catch (InvalidStateStoreException e) {
            return new QueryAnswer.NotReady("store not queryable: " + e.getMessage());
        }
    }
}

package io.switchboard.projector.query;

import io.switchboard.projector.topology.StatusTopology;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Answers "which of our messages is WhatsApp's wamid W" from the wamid index (fed by the dispatcher's send results
 * and by statuses carrying our callback data), on the instance that owns W's partition of the index. A wamid this
 * deployment never sent (or whose send result has not been projected yet) is not found.
 */
@Singleton
public class WamidQuery {

    private final OwnerRouter router;
    private final PeerForwarder forwarder;

    public WamidQuery(OwnerRouter router, PeerForwarder forwarder) {
        this.router = router;
        this.forwarder = forwarder;
    }

    /**
     * @param forwarded true when another instance forwarded this query here; it is then never forwarded again
     */
    public CompletableFuture<QueryAnswer> find(String wamid, boolean forwarded) {
        OwnerRouter.Route route = router.route(StatusTopology.WAMID_INDEX_STORE, wamid, forwarded);
        if (route instanceof OwnerRouter.Local local) {
            return CompletableFuture.completedFuture(readLocal(local.streams(), wamid, local.partition()));
        }
        if (route instanceof OwnerRouter.Remote remote) {
            return forwarder.forward(remote.owner(), "wamids", wamid);
        }
        return CompletableFuture.completedFuture(new QueryAnswer.NotReady(((OwnerRouter.Unready) route).why()));
    }

    private static QueryAnswer readLocal(KafkaStreams streams, String wamid, int partition) {
        try {
            ReadOnlyKeyValueStore<String, String> store = streams.store(StoreQueryParameters
                    .fromNameAndType(StatusTopology.WAMID_INDEX_STORE, QueryableStoreTypes.<String, String>keyValueStore())
                    .withPartition(partition));
            String messageId = store.get(wamid);
            return messageId == null ? new QueryAnswer.NotFound() : new QueryAnswer.Found(new WamidView(messageId, wamid));
        } catch (InvalidStateStoreException e) {
            return new QueryAnswer.NotReady("store not queryable: " + e.getMessage());
        }
    }
}

package io.switchboard.projector.query;

import io.switchboard.projector.topology.StatusTopology;
import io.switchboard.schemas.avro.MessageStatus;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Answers "where is message X" from whichever instance owns X's partition of the message store
 * ({@link OwnerRouter}): this instance reads its own store, or forwards the query to the owner once.
 */
@Singleton
public class MessageStatusQuery {

    private final OwnerRouter router;
    private final PeerForwarder forwarder;

    public MessageStatusQuery(OwnerRouter router, PeerForwarder forwarder) {
        this.router = router;
        this.forwarder = forwarder;
    }

    /**
     * @param forwarded true when another instance forwarded this query here; it is then never forwarded again
     */
    public CompletableFuture<QueryAnswer> find(String messageId, boolean forwarded) {
        OwnerRouter.Route route = router.route(StatusTopology.MESSAGE_STORE, messageId, forwarded);
        if (route instanceof OwnerRouter.Local local) {
            return CompletableFuture.completedFuture(readLocal(local.streams(), messageId, local.partition()));
        }
        if (route instanceof OwnerRouter.Remote remote) {
            return forwarder.forward(remote.owner(), "messages", messageId);
        }
        return CompletableFuture.completedFuture(new QueryAnswer.NotReady(((OwnerRouter.Unready) route).why()));
    }

    /** A RocksDB point read: microseconds, so it is done on the calling thread. */
    private static QueryAnswer readLocal(KafkaStreams streams, String messageId, int partition) {
        try {
            ReadOnlyKeyValueStore<String, MessageStatus> store = streams.store(StoreQueryParameters
                    .fromNameAndType(StatusTopology.MESSAGE_STORE, QueryableStoreTypes.<String, MessageStatus>keyValueStore())
                    .withPartition(partition));
            MessageStatus status = store.get(messageId);
            return status == null ? new QueryAnswer.NotFound() : new QueryAnswer.Found(MessageStatusViews.of(status));
        } catch (InvalidStateStoreException e) {
            return new QueryAnswer.NotReady("store not queryable: " + e.getMessage());
        }
    }
}

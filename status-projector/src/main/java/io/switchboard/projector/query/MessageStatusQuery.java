package io.switchboard.projector.query;

import io.switchboard.projector.streams.ProjectorStreams;
import io.switchboard.projector.topology.StatusTopology;
import io.switchboard.schemas.avro.MessageStatus;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Answers "where is message X" from whichever instance owns X's partition of the message store. Streams tells which
 * instance is the active owner ({@code queryMetadataForKey}); this instance reads its own store, or forwards the query
 * to the owner once. Anything short of a settled answer (not RUNNING, rebalancing, owner unknown, store migrating,
 * a forwarded query that landed on a non-owner) is "not ready", never a wrong "not found".
 */
@Singleton
public class MessageStatusQuery {

    private static final StringSerializer KEY_SERIALIZER = new StringSerializer();

    private final ProjectorStreams projector;
    private final PeerForwarder forwarder;

    public MessageStatusQuery(ProjectorStreams projector, PeerForwarder forwarder) {
        this.projector = projector;
        this.forwarder = forwarder;
    }

    /**
     * @param forwarded true when another instance forwarded this query here; it is then never forwarded again
     */
    public CompletableFuture<QueryAnswer> find(String messageId, boolean forwarded) {
        Optional<KafkaStreams> running = projector.streams().filter(s -> s.state() == KafkaStreams.State.RUNNING);
        Optional<HostInfo> self = projector.self();
        if (running.isEmpty() || self.isEmpty()) {
            return notReady("streams not running");
        }
        KafkaStreams streams = running.get();
        KeyQueryMetadata owner;
        try {
            owner = streams.queryMetadataForKey(StatusTopology.MESSAGE_STORE, messageId, KEY_SERIALIZER);
        } catch (RuntimeException e) {
            return notReady("metadata unavailable: " + e.getMessage());
        }
        if (owner == null || KeyQueryMetadata.NOT_AVAILABLE.equals(owner) || owner.activeHost() == null
                || owner.activeHost().port() < 0) {
            return notReady("owner unknown");
        }
        if (owner.activeHost().equals(self.get())) {
            return CompletableFuture.completedFuture(readLocal(streams, messageId, owner.partition()));
        }
        if (forwarded) {
            return notReady("forwarded to a non-owner");
        }
        return forwarder.forward(owner.activeHost(), messageId);
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

    private static CompletableFuture<QueryAnswer> notReady(String why) {
        return CompletableFuture.completedFuture(new QueryAnswer.NotReady(why));
    }
}

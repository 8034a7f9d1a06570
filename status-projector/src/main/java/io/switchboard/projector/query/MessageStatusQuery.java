package io.switchboard.projector.query;

import io.micronaut.scheduling.TaskExecutors;
import io.switchboard.projector.streams.ProjectorStreams;
import io.switchboard.projector.topology.RecentStatuses;
import io.switchboard.projector.topology.StatusTopology;
import io.switchboard.schemas.avro.MessageStatus;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.concurrent.Executor;

/**
 * Answers "where is message X" from whichever instance owns X's partition of the message store: this instance
 * answers from its in-memory statuses (written lately by the applier, or read lately by queries: {@link RecentStatuses}),
 * else reads its own store and keeps the answer there, or forwards the query to the owner once.
 */
@Singleton
public class MessageStatusQuery extends OwnedStoreQuery<MessageStatus> {

    private final ProjectorStreams projector;

    public MessageStatusQuery(OwnerRouter router, PeerForwarder forwarder, ProjectorStreams projector,
                              @Named(TaskExecutors.BLOCKING) Executor storeReads) {
        super(router, forwarder, StatusTopology.MESSAGE_STORE, "messages", storeReads);
        this.projector = projector;
    }

    @Override
    MessageStatus recent(String messageId, int partition) {
        return projector.recentStatuses().get(partition, messageId);
    }

    @Override
    Object beforeStoreRead(String messageId, int partition) {
        return projector.recentStatuses().beforeStoreRead(partition);
    }

    /** Keeps what the store answered for the next queries of the same message (clients poll a message's status). */
    @Override
    void answered(Object beforeRead, String messageId, MessageStatus status) {
        if (beforeRead instanceof RecentStatuses.StoreRead read) {
            read.answered(messageId, status);
        }
    }

    @Override
    Object view(String messageId, MessageStatus status) {
        return MessageStatusViews.of(status);
    }
}

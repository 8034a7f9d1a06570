package io.switchboard.projector.query;

import io.switchboard.projector.topology.StatusTopology;
import io.switchboard.schemas.avro.MessageStatus;
import jakarta.inject.Singleton;

/**
 * Answers "where is message X" from whichever instance owns X's partition of the message store: this instance reads
 * its own store, or forwards the query to the owner once.
 */
@Singleton
public class MessageStatusQuery extends OwnedStoreQuery<MessageStatus> {

    public MessageStatusQuery(OwnerRouter router, PeerForwarder forwarder) {
        super(router, forwarder, StatusTopology.MESSAGE_STORE, "messages");
    }

    @Override
    Object view(String messageId, MessageStatus status) {
        return MessageStatusViews.of(status);
    }
}

package io.switchboard.projector.topology;

import io.switchboard.schemas.avro.MessageStatus;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Writes the outbound index: for every message whose account and acceptance time are known, one entry under the
 * account, one under the account and recipient, and one under the account and its client reference (when it has
 * one), all pointing at the message's entry in the message store of the same partition ({@link OutboundKeys}).
 * Entries are written once, when the acceptance makes the message known (its metadata never changes afterwards), so
 * a message's later status changes cost the index nothing; the current status is read from the message store when
 * the index is searched. A new search filter that needs its own index (a campaign) is one more keyspace written at
 * the same moment.
 */
final class OutboundIndex {

    private static final byte[] EMPTY = new byte[0];

    private final KeyValueStore<Bytes, byte[]> store;

    OutboundIndex(KeyValueStore<Bytes, byte[]> store) {
        this.store = store;
    }

    /** Indexes {@code next} if this change is the one that made its account and acceptance known. */
    void changed(MessageStatus current, MessageStatus next) {
        if (!indexable(next) || indexable(current)) {
            return;
        }
        OutboundPosition position = new OutboundPosition(next.getAcceptedAt().toEpochMilli(), next.getMessageId());
        String account = next.getAccountId();
        store.put(OutboundKeys.key(OutboundKeys.prefix(OutboundKeys.BY_ACCOUNT, account), position), EMPTY);
        if (next.getRecipient() != null) {
            store.put(OutboundKeys.key(OutboundKeys.prefix(OutboundKeys.BY_RECIPIENT, account, next.getRecipient()),
                    position), EMPTY);
        }
        if (next.getReference() != null) {
            store.put(OutboundKeys.key(OutboundKeys.prefix(OutboundKeys.BY_REFERENCE, account, next.getReference()),
                    position), EMPTY);
        }
    }

    private static boolean indexable(MessageStatus status) {
        return status != null && status.getAccountId() != null && status.getAcceptedAt() != null;
    }
}

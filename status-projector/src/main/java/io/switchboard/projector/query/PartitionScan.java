package io.switchboard.projector.query;

import io.switchboard.projector.topology.OutboundKeys;
import io.switchboard.projector.topology.OutboundPosition;
import io.switchboard.schemas.avro.MessageStatus;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Searches one partition: walks the scanned index from the search's start (the newest message before {@code until},
 * or the one after the cursor) towards {@code since}, reads each message's current status from the same partition's
 * message store, and keeps those that pass the filters, until the page is full, the range ends, or {@code budget}
 * index entries were read. The result says how far it looked (its frontier), so a merge never skips what a
 * partition did not look at: a search with a rare filter over many messages answers a short (even empty) page and a
 * cursor instead of scanning without bound.
 */
final class PartitionScan {

    private PartitionScan() {
    }

    /** What one partition found: its hits in listing order, and its frontier (null when it reached the end). */
    record Result(int partition, List<Hit> hits, OutboundPosition frontier) {
    }

    /** A found message and its place in the listing. */
    record Hit(OutboundPosition position, MessageStatusView view) {
    }

    static Result scan(int partition, ReadOnlyKeyValueStore<Bytes, byte[]> index,
                       ReadOnlyKeyValueStore<String, MessageStatus> messages, OutboundFilter filter, int budget) {
        byte[] prefix = filter.prefix();
        Bytes from = OutboundKeys.newestBound(prefix, filter.untilMillis());
        if (filter.after() != null) {
            Bytes afterKey = OutboundKeys.key(prefix, filter.after());
            from = afterKey.compareTo(from) > 0 ? afterKey : from;
        }
        Bytes to = OutboundKeys.oldestBound(prefix, filter.sinceMillis());
        List<Hit> hits = new ArrayList<>();
        if (from.compareTo(to) > 0) {
            return new Result(partition, hits, null);
        }
        int scanned = 0;
        try (KeyValueIterator<Bytes, byte[]> entries = index.range(from, to)) {
            while (entries.hasNext()) {
                KeyValue<Bytes, byte[]> entry = entries.next();
                OutboundPosition position = OutboundKeys.position(entry.key, prefix.length);
                scanned++;
                if (filter.after() == null || filter.after().isBefore(position)) {
                    MessageStatus status = messages.get(position.messageId());
                    if (status != null && filter.matches(status)) {
                        hits.add(new Hit(position, MessageStatusViews.of(status)));
                    }
                }
                boolean more = entries.hasNext();
                if (more && (hits.size() >= filter.limit() || scanned >= budget)) {
                    return new Result(partition, hits, position);
                }
            }
        }
        return new Result(partition, hits, null);
    }
}

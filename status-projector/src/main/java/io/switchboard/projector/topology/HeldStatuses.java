package io.switchboard.projector.topology;

import io.switchboard.schemas.avro.StatusUpdate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * WhatsApp statuses waiting for the send result that tells which message their wamid belongs to. WhatsApp often
 * reports {@code sent} before the dispatcher has written its own result, so such statuses are kept, never dropped.
 *
 * <p>One entry per (wamid, status, WhatsApp time): a repeated webhook overwrites its own entry, so duplicates are held
 * once. Keys are {@code wamid NUL status NUL epochMillis}; NUL never occurs in a wamid, so a prefix scan on
 * {@code wamid NUL} finds exactly one wamid's statuses. Entries older than the retention are purged: they belong to
 * messages this deployment never sent (another app on the same WhatsApp account) or whose send result was lost.
 */
public final class HeldStatuses {

    private static final char SEPARATOR = '\u0000';
    private static final StringSerializer PREFIX_SERIALIZER = new StringSerializer();

    private final KeyValueStore<String, StatusUpdate> store;

    public HeldStatuses(KeyValueStore<String, StatusUpdate> store) {
        this.store = store;
    }

    public void hold(StatusUpdate update) {
        store.put(key(update), update);
    }

    /** Removes and returns every status held for {@code wamid}, in key order. */
    public List<StatusUpdate> release(String wamid) {
        List<KeyValue<String, StatusUpdate>> held = new ArrayList<>();
        try (KeyValueIterator<String, StatusUpdate> it = store.prefixScan(wamid + SEPARATOR, PREFIX_SERIALIZER)) {
            it.forEachRemaining(held::add);
        }
        held.forEach(entry -> store.delete(entry.key));
        return held.stream().map(entry -> entry.value).toList();
    }

    /** Deletes statuses received before {@code cutoff}; returns how many. */
    public int purgeReceivedBefore(Instant cutoff) {
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, StatusUpdate> it = store.all()) {
            it.forEachRemaining(entry -> {
                if (entry.value == null || entry.value.getReceivedAt().isBefore(cutoff)) {
                    expired.add(entry.key);
                }
            });
        }
        expired.forEach(store::delete);
        return expired.size();
    }

    static String key(StatusUpdate update) {
        return update.getWamid() + SEPARATOR + update.getStatus() + SEPARATOR + update.getOccurredAt().toEpochMilli();
    }
}

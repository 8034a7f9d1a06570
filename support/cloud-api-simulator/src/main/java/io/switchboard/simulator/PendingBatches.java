package io.switchboard.simulator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Items gathered into one open batch per key (a business number) until the batch holds {@code maxSize} items or its
 * timer fires, whichever comes first. The first item of a batch asks the caller to start that batch's timer; the item
 * that fills it hands the batch back to be posted at once; the timer then finds its batch gone and takes nothing, so
 * every item is taken exactly once. Thread-safe.
 *
 * @param <T> what is batched
 */
final class PendingBatches<T> {

    /** What {@link #add} did: the batch to post now (full), or null; whether a timer must be started for it. */
    record Added<T>(List<T> batch, boolean startTimer, List<T> full) {
    }

    private final int maxSize;
    private final Map<String, List<T>> open = new HashMap<>();

    PendingBatches(int maxSize) {
        if (maxSize < 1) {
            throw new IllegalArgumentException("A batch holds at least one item, not " + maxSize);
        }
        this.maxSize = maxSize;
    }

    /** Adds {@code item} to {@code key}'s open batch, opening one when there is none. */
    synchronized Added<T> add(String key, T item) {
        List<T> batch = open.get(key);
        boolean first = batch == null;
        if (first) {
            batch = new ArrayList<>();
            open.put(key, batch);
        }
        batch.add(item);
        if (batch.size() >= maxSize) {
            open.remove(key);
            return new Added<>(batch, false, batch);
        }
        return new Added<>(batch, first, null);
    }

    /** The timer of {@code batch} fired: takes it if it is still {@code key}'s open batch, else null (posted full). */
    synchronized List<T> take(String key, List<T> batch) {
        if (open.get(key) == batch) {
            open.remove(key);
            return batch;
        }
        return null;
    }

    /** Takes every open batch (shutting down). */
    synchronized List<List<T>> takeAll() {
        List<List<T>> all = new ArrayList<>(open.values());
        open.clear();
        return all;
    }
}

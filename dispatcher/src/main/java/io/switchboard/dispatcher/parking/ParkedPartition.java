package io.switchboard.dispatcher.parking;

import java.util.HashMap;
import java.util.Map;

/**
 * What one instance knows of one send-commands-retry partition it owns. {@code perKey} counts the parked messages of
 * each conversation that are not finished yet, whether held in memory, left unloaded in Kafka, or written and not
 * read back yet: while a key has any, its fresh messages park behind them. Records are read in offset order up to
 * {@code frontier}; once the memory bound is reached, the records from {@code reloadFrom} on are only counted, not
 * held, and are read again from there ({@code reloading}) when memory frees, so memory holds a prefix of the
 * partition's unfinished records and a key's messages are always attempted in their order. Guarded by the lanes'
 * lock.
 */
final class ParkedPartition {

    final Map<String, Integer> perKey = new HashMap<>();
    /** The next offset never read. */
    long frontier = -1;
    /** The first record read but not held in memory; -1 when every unfinished record read is held. */
    long reloadFrom = -1;
    /** The consumer reads from {@code reloadFrom} towards {@code frontier} again. */
    boolean reloading;
    /** A seek the polling thread is asked to make, or null. */
    Long seekTo;

    boolean holds(String key) {
        return perKey.getOrDefault(key, 0) > 0;
    }

    void counted(String key) {
        perKey.merge(key, 1, Integer::sum);
    }

    void finished(String key) {
        perKey.computeIfPresent(key, (k, count) -> count <= 1 ? null : count - 1);
    }

    int known() {
        return perKey.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Memory is free again: read the unloaded records once more, from the first of them. */
    boolean startReload() {
        if (reloadFrom < 0 || reloading || seekTo != null) {
            return false;
        }
        reloading = true;
        seekTo = reloadFrom;
        return true;
    }
}

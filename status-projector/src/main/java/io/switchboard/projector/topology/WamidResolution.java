package io.switchboard.projector.topology;

import io.switchboard.projector.state.StatusFact;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The wamid index ({@code wamid -> messageId}) together with the statuses held for unindexed wamids: learning a
 * mapping releases what was waiting for it, as facts keyed by message id. The first mapping learnt for a wamid stays
 * (a wamid belongs to exactly one message, so a second, different one would be a replay of the same truth or a bug).
 */
final class WamidResolution {

    private final KeyValueStore<String, String> index;
    private final HeldStatuses held;

    WamidResolution(KeyValueStore<String, String> index, HeldStatuses held) {
        this.index = index;
        this.held = held;
    }

    String messageIdOf(String wamid) {
        return index.get(wamid);
    }

    /** Records that {@code wamid} is {@code messageId}'s and returns the facts of the statuses held for it. */
    List<StatusFact> learn(String wamid, String messageId) {
        if (index.putIfAbsent(wamid, messageId) != null) {
            return List.of();
        }
        return held.release(wamid).stream()
                .map(update -> FactMapper.fromStatusUpdate(update, messageId))
                .flatMap(Optional::stream)
                .toList();
    }
}

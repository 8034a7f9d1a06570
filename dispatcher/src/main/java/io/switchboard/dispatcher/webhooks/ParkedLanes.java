package io.switchboard.dispatcher.webhooks;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Which lanes have events on their way to {@code webhook-retries}: written but not read back yet. Together with the
 * retry lanes themselves this answers "does this lane have anything parked?", which decides that a fresh event must
 * park behind it rather than overtake it. Guarded by the {@link DeliveryLanes} lock.
 */
final class ParkedLanes {

    private final Map<String, LaneItem> inTransit = new HashMap<>();
    private final Map<String, Integer> perLane = new HashMap<>();

    /** A hot item is being written to webhook-retries. */
    void sent(LaneItem item) {
        if (inTransit.put(item.parkingKey(), item) == null) {
            perLane.merge(item.lane(), 1, Integer::sum);
        }
    }

    /** A webhook-retries record was read: if this instance parked it, it is no longer in transit. */
    void readBack(LaneItem item) {
        forget(inTransit.remove(item.parkingKey()));
    }

    boolean inTransit(String lane) {
        return perLane.containsKey(lane);
    }

    /** Partitions left this instance: their parked copies will be read by the next owner. */
    void release(Collection<TopicPartition> partitions) {
        inTransit.values().removeIf(item -> {
            boolean released = partitions.contains(item.offsets.partition());
            if (released) {
                forget(item);
            }
            return released;
        });
    }

    private void forget(LaneItem item) {
        if (item != null) {
            perLane.computeIfPresent(item.lane(), (lane, count) -> count <= 1 ? null : count - 1);
        }
    }
}

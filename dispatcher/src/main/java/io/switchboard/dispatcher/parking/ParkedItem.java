package io.switchboard.dispatcher.parking;

import io.switchboard.dispatcher.PartitionOffsets;
import io.switchboard.schemas.avro.RetryCommand;
import java.util.concurrent.ScheduledFuture;

/**
 * One parked message held in memory: its record, the partition tracker and offset it finishes, and whether a
 * delivery of it is running or a timer waits for its due time. Mutable, and only touched under the lanes' lock.
 */
final class ParkedItem {

    final RetryCommand record;
    final String key;
    final PartitionOffsets offsets;
    final long offset;
    boolean busy;
    ScheduledFuture<?> timer;

    ParkedItem(RetryCommand record, String key, PartitionOffsets offsets, long offset) {
        this.record = record;
        this.key = key;
        this.offsets = offsets;
        this.offset = offset;
    }

    int partition() {
        return offsets.partition().partition();
    }

    void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}

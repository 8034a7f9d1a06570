package io.switchboard.dispatcher.webhooks;

import io.switchboard.dispatcher.PartitionOffsets;
import io.switchboard.schemas.avro.WebhookDelivery;
import java.time.Instant;

/**
 * One event for one endpoint while it waits in a {@link DeliveryLanes} lane: the record, where it was read from
 * (whose offset it finishes), and its attempts so far. Mutable, and only touched under the lanes' lock.
 */
final class LaneItem {

    final WebhookDelivery record;
    final boolean parked;
    final PartitionOffsets offsets;
    final long offset;
    int attempts;
    Instant firstAttemptAt;
    boolean busy;
    boolean waiting;

    LaneItem(WebhookDelivery record, boolean parked, PartitionOffsets offsets, long offset) {
        this.record = record;
        this.parked = parked;
        this.offsets = offsets;
        this.offset = offset;
        this.attempts = record.getAttempts();
        this.firstAttemptAt = record.getFirstAttemptAt();
    }

    /** Events of one endpoint and one order key share a lane. */
    String lane() {
        return record.getEndpointId() + "|" + record.getOrderKey();
    }

    /** Identifies a parked copy until it is read back from webhook-retries. */
    String parkingKey() {
        return lane() + "#" + record.getWebhookId();
    }
}

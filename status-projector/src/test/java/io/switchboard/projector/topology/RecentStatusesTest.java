package io.switchboard.projector.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.MessageState;
import io.switchboard.schemas.avro.MessageStatus;
import io.switchboard.schemas.avro.WhatsAppStatus;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/** The queries' lock-free view of the statuses the applier wrote last. */
class RecentStatusesTest {

    private static MessageStatus status(String messageId, MessageState state) {
        return MessageStatus.newBuilder().setMessageId(messageId).setStatus(state).setUpdatedAt(Records.T0)
                .setAttempts(0).setTimeline(List.of()).build();
    }

    @Test
    void holdsTheLastStatusWrittenPerPartitionUntilThePartitionIsForgotten() {
        RecentStatuses recent = new RecentStatuses(10);
        recent.written(3, "m1", status("m1", MessageState.SENT));
        recent.written(3, "m1", status("m1", MessageState.DELIVERED));

        assertThat(recent.get(3, "m1").getStatus()).isEqualTo(MessageState.DELIVERED);
        assertThat(recent.get(4, "m1")).as("another partition").isNull();

        recent.forget(3);

        assertThat(recent.get(3, "m1")).isNull();
    }

    @Test
    void keepsAtMostItsCapacityPerPartitionAndAlwaysTheNewestWrite() {
        RecentStatuses recent = new RecentStatuses(3);
        for (int i = 0; i < 10; i++) {
            recent.written(0, "m" + i, status("m" + i, MessageState.SENT));
            assertThat(recent.get(0, "m" + i)).isNotNull();
        }

        assertThat(recent.size(0)).isEqualTo(3);
    }

    @Test
    void aViewOfCapacityZeroKeepsNothing() {
        RecentStatuses recent = RecentStatuses.none();
        recent.written(0, "m1", status("m1", MessageState.SENT));

        assertThat(recent.get(0, "m1")).isNull();
    }

    @Test
    void theApplierHandsEveryStoredStatusToTheViewAndItsCloseForgetsThePartition() {
        RecentStatuses recent = new RecentStatuses(100);
        String messageId = UUID.randomUUID().toString();
        String wamid = "wamid." + UUID.randomUUID();
        TopologyFixture t = new TopologyFixture(Stores::persistentKeyValueStore, recent);
        try {
            t.accept(messageId);
            t.sent(messageId, wamid);
            t.status(Records.status(wamid, WhatsAppStatus.DELIVERED, 5));

            assertThat(recent.get(0, messageId)).isEqualTo(t.store.get(messageId));
            assertThat(recent.get(0, messageId).getStatus()).isEqualTo(MessageState.DELIVERED);
        } finally {
            t.close();
        }

        assertThat(recent.get(0, messageId)).as("the task closed: this instance may no longer own it").isNull();
    }
}

package io.switchboard.projector.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.MessageState;
import io.switchboard.schemas.avro.MessageStatus;
import io.switchboard.schemas.avro.WhatsAppStatus;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/** The in-memory statuses: written last by the applier, read lately by queries, always the store's latest. */
class RecentStatusesTest {

    private static MessageStatus status(String messageId, MessageState state) {
        return MessageStatus.newBuilder().setMessageId(messageId).setStatus(state).setUpdatedAt(Records.T0)
                .setAttempts(0).setTimeline(List.of()).build();
    }

    @Test
    void holdsTheLastStatusWrittenPerPartitionUntilThePartitionIsForgotten() {
        RecentStatuses recent = new RecentStatuses(10);
        recent.open(3);
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
        recent.open(0);
        for (int i = 0; i < 10; i++) {
            recent.written(0, "m" + i, status("m" + i, MessageState.SENT));
            assertThat(recent.get(0, "m" + i)).isNotNull();
        }

        assertThat(recent.size(0)).isEqualTo(3);
        assertThat(recent.get(0, "m6")).as("the oldest go first").isNull();
        assertThat(recent.get(0, "m7")).isNotNull();
    }

    @Test
    void keepsNothingForAPartitionWhoseApplierTaskIsNotOpen() {
        RecentStatuses recent = new RecentStatuses(10, 10);
        recent.written(2, "m1", status("m1", MessageState.SENT));

        assertThat(recent.get(2, "m1")).isNull();
        assertThat(recent.beforeStoreRead(2)).as("queries never open a partition").isNull();
    }

    @Test
    void keepsWhatAQueryReadFromTheStoreAndTheApplierKeepsItCurrent() {
        RecentStatuses recent = new RecentStatuses(0, 10);
        recent.open(1);

        RecentStatuses.StoreRead read = recent.beforeStoreRead(1);
        assertThat(read.answered("m1", status("m1", MessageState.SENT))).isTrue();
        assertThat(recent.get(1, "m1").getStatus()).isEqualTo(MessageState.SENT);

        recent.written(1, "m1", status("m1", MessageState.DELIVERED));
        assertThat(recent.get(1, "m1").getStatus()).as("replaced by the applier's write").isEqualTo(MessageState.DELIVERED);
        assertThat(recent.askedSize(1)).isEqualTo(1);
    }

    @Test
    void dropsAStoreReadThatRacedAWriteOfThePartition() {
        RecentStatuses recent = new RecentStatuses(0, 10);
        recent.open(1);

        RecentStatuses.StoreRead read = recent.beforeStoreRead(1);
        // the applier writes while the query's store read is under way: what the query read may be older
        recent.written(1, "m1", status("m1", MessageState.DELIVERED));
        assertThat(read.answered("m1", status("m1", MessageState.SENT))).isFalse();

        assertThat(recent.get(1, "m1")).isNull();
        RecentStatuses.StoreRead next = recent.beforeStoreRead(1);
        assertThat(next.answered("m1", status("m1", MessageState.DELIVERED))).isTrue();
        assertThat(recent.get(1, "m1").getStatus()).isEqualTo(MessageState.DELIVERED);
    }

    @Test
    void aStoreReadOfAPartitionReopenedMeanwhileIsNotKept() {
        RecentStatuses recent = new RecentStatuses(10, 10);
        recent.open(1);
        RecentStatuses.StoreRead read = recent.beforeStoreRead(1);

        recent.forget(1);
        recent.open(1);
        read.answered("m1", status("m1", MessageState.SENT));

        assertThat(recent.get(1, "m1")).isNull();
    }

    @Test
    void keepsAtMostItsCapacityOfAskedStatusesPerPartition() {
        RecentStatuses recent = new RecentStatuses(0, 2);
        recent.open(0);
        for (int i = 0; i < 5; i++) {
            recent.beforeStoreRead(0).answered("m" + i, status("m" + i, MessageState.SENT));
        }

        assertThat(recent.askedSize(0)).isEqualTo(2);
        assertThat(recent.get(0, "m4")).isNotNull();
        assertThat(recent.get(0, "m0")).isNull();
    }

    @Test
    void aViewOfCapacityZeroKeepsNothing() {
        RecentStatuses recent = RecentStatuses.none();
        recent.open(0);
        recent.written(0, "m1", status("m1", MessageState.SENT));

        assertThat(recent.get(0, "m1")).isNull();
        assertThat(recent.beforeStoreRead(0)).isNull();
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

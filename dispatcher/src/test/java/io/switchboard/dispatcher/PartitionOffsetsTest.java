package io.switchboard.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PartitionOffsetsTest {

    private final PartitionOffsets offsets = new PartitionOffsets(new TopicPartition("send-commands", 3));

    @Test
    void nothingIsCommittableBeforeARecordWasHandedOut() {
        assertThat(offsets.committable()).isEmpty();
    }

    @Test
    void commitsOnlyTheContiguousFinishedPrefix() {
        for (long offset = 10; offset <= 14; offset++) {
            offsets.started(offset);
        }
        assertThat(offsets.committable()).hasValue(10);

        offsets.finished(11);
        offsets.finished(13);
        assertThat(offsets.committable()).as("10 still running").hasValue(10);

        offsets.finished(10);
        assertThat(offsets.committable()).as("11 done, 12 running").hasValue(12);

        offsets.finished(14);
        offsets.finished(12);
        assertThat(offsets.committable()).as("all done: next to read").hasValue(15);
        assertThat(offsets.inFlight()).isZero();
    }

    @Test
    void gapsLeftByTransactionMarkersDoNotHoldCommitsBack() {
        offsets.started(20);
        offsets.started(22);
        offsets.finished(22);
        assertThat(offsets.committable()).hasValue(20);

        offsets.finished(20);
        assertThat(offsets.committable()).hasValue(23);
    }

    @Test
    void reportsAnOffsetOnlyAfterItAdvancedPastTheLastCommit() {
        offsets.started(5);
        offsets.finished(5);
        assertThat(offsets.committableIfAdvanced()).hasValue(6);

        offsets.committed(6);
        assertThat(offsets.committableIfAdvanced()).isEmpty();

        offsets.started(6);
        assertThat(offsets.committableIfAdvanced()).as("6 is unfinished, 6 already committed").isEmpty();
        offsets.finished(6);
        assertThat(offsets.committableIfAdvanced()).hasValue(7);
    }

    @Test
    void aDisownedPartitionStopsBeingOwned() {
        assertThat(offsets.isOwned()).isTrue();
        offsets.disown();
        assertThat(offsets.isOwned()).isFalse();
    }
}

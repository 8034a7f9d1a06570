package io.switchboard.projector.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.MessageState;
import io.switchboard.schemas.avro.MessageStatus;
import io.switchboard.schemas.avro.WhatsAppStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The applier reads a message's current status from memory before its store: whichever it reads, each status change
 * is written to message-status exactly once, and repeated statuses write nothing, also when the statuses of many
 * messages interleave and the in-memory statuses keep only a few of them.
 */
class AppliedFromMemoryTest {

    private static final WhatsAppStatus[] LIFE = {WhatsAppStatus.SENT, WhatsAppStatus.DELIVERED, WhatsAppStatus.READ};

    @ParameterizedTest(name = "applier keeps {0} statuses in memory")
    @ValueSource(ints = {0, 2, 1000})
    void everyChangeIsWrittenOnceAndRepeatsWriteNothing(int written) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            ids.add(UUID.randomUUID().toString());
        }
        try (TopologyFixture t = new TopologyFixture(Stores::inMemoryKeyValueStore, new RecentStatuses(written, 0))) {
            for (int step = 0; step < LIFE.length; step++) {
                for (String id : ids) {
                    t.status(Records.status("wamid." + id, LIFE[step], 2 + step, id));
                    // WhatsApp repeats a webhook now and then: the repeat changes nothing
                    t.status(Records.status("wamid." + id, LIFE[step], 2 + step, id));
                }
            }

            Map<String, List<MessageState>> output = t.output.readKeyValuesToList().stream().collect(
                    Collectors.groupingBy(kv -> kv.key, Collectors.mapping(kv -> kv.value.getStatus(),
                            Collectors.toList())));
            assertThat(output).hasSize(ids.size());
            output.forEach((id, statuses) -> assertThat(statuses).as(id)
                    .containsExactly(MessageState.SENT, MessageState.DELIVERED, MessageState.READ));
            for (String id : ids) {
                MessageStatus stored = t.store.get(id);
                assertThat(stored.getStatus()).isEqualTo(MessageState.READ);
                assertThat(stored.getTimeline()).hasSize(3);
            }
        }
    }
}

package io.switchboard.projector.topology;

import static io.switchboard.projector.topology.Records.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.MessageState;
import io.switchboard.schemas.avro.MessageStatus;
import io.switchboard.schemas.avro.WhatsAppStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every order of a message's five facts through the whole topology: the queued command, the dispatcher's sent, and
 * WhatsApp's sent, delivered and read without callback data (so statuses overtaking the send result are held and
 * released). In-memory stores: RocksDB would flush on each of the driver's per-record commits, and 600 records of
 * behaviour are what is under test here, not RocksDB.
 */
class StatusTopologyOrderTest {

    private TopologyFixture t;

    @AfterEach
    void closeDriver() {
        t.close();
    }

    /**
     * @param written statuses the applier keeps in memory per partition and reads before its store: none (every
     *                fact reads the store), a few (most facts read memory, earlier messages the store), plenty
     * @param direct  whether the dispatcher's facts reach the applier straight from message-events or repartitioned
     */
    @ParameterizedTest(name = "applier keeps {0} statuses in memory, dispatcher events straight from their topic: {1}")
    @CsvSource({"0, true", "2, true", "1000, true", "2, false"})
    void everyOrderOfQueuedSentAndWhatsAppsStatusesEndsReadWithAMonotonicTimeline(int written, boolean direct) {
        t = new TopologyFixture(Stores::inMemoryKeyValueStore, new RecentStatuses(written, 0), direct);
        List<List<String>> orders = permutations(List.of("queued", "dispatcher-sent", "sent", "delivered", "read"));
        assertThat(orders).hasSize(120);

        for (List<String> order : orders) {
            String id = UUID.randomUUID().toString();
            String wamid = "wamid." + id;
            for (String step : order) {
                switch (step) {
                    case "queued" -> t.accept(id);
                    case "dispatcher-sent" -> t.sent(id, wamid);
                    case "sent" -> t.status(status(wamid, WhatsAppStatus.SENT, 2));
                    case "delivered" -> t.status(status(wamid, WhatsAppStatus.DELIVERED, 5));
                    default -> t.status(status(wamid, WhatsAppStatus.READ, 60));
                }
            }
            MessageStatus status = t.store.get(id);
            assertThat(status.getStatus()).as("final status after %s", order).isEqualTo(MessageState.READ);
            assertThat(status.getTimeline().get(0).getStatus()).as("first entry after %s", order)
                    .isEqualTo(MessageState.QUEUED);
            assertThat(status.getTimeline()).extracting(entry -> entry.getStatus().ordinal())
                    .as("timeline after %s", order).isSorted().doesNotHaveDuplicates();
            assertThat(status.getWamid()).isEqualTo(wamid);
            assertThat(status.getAccountId()).isEqualTo("acct-7f3a");
        }
        assertThat(t.heldCount()).as("every held status was released").isZero();
    }

    private static List<List<String>> permutations(List<String> items) {
        if (items.isEmpty()) {
            return List.of(List.of());
        }
        List<List<String>> result = new ArrayList<>();
        for (String head : items) {
            List<String> rest = items.stream().filter(item -> !item.equals(head)).toList();
            for (List<String> tail : permutations(rest)) {
                List<String> order = new ArrayList<>();
                order.add(head);
                order.addAll(tail);
                result.add(order);
            }
        }
        return result;
    }
}

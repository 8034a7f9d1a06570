package io.switchboard.e2e.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.schemas.avro.MessageEvent;
import io.switchboard.schemas.avro.MessageEventType;
import io.switchboard.schemas.avro.SendCommand;
import io.switchboard.testkit.KafkaTestCluster;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A WhatsApp outage of one business number (131016, HTTP 503, on every send) against the real simulator, with
 * time compressed: {@code backoff-max} 1 s stands for the default 5 minutes, so the twelve attempts each message
 * waits through are "about an hour" of outage, and the in-flight window is small (32). While it lasts the messages
 * are parked (no offset held), another number's messages flow, and health names the failing number without going
 * DOWN; once WhatsApp recovers every message is sent exactly once, in order per conversation, none failed or
 * dead-lettered.
 */
class OutageEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String FAILING = "109000000000501";
    private static final String HEALTHY = "109000000000502";

    @Test
    void everyMessageIsDeliveredOnceAfterALongOutageWhileAnotherNumberKeepsFlowing() throws Exception {
        try (KafkaTestCluster kafka = KafkaTestCluster.start(1);
             DeliveryRig rig = new DeliveryRig(kafka, (short) 1, Map.of(
                     "simulator.faults.plan", "{\"throughput\":{\"mps\":1000},\"pair_rate\":{\"enabled\":false}}"),
                     Map.of("switchboard.dispatcher.backoff-base", "100ms",
                             "switchboard.dispatcher.backoff-max", "1s",
                             "switchboard.dispatcher.parking.park-after", "300ms",
                             "switchboard.dispatcher.max-in-flight", 32,
                             "switchboard.dispatcher.pacing.default-rate", 500))) {
            IsolatedDispatcher dispatcher = rig.startDispatcher(Map.of());
            rig.simulator.putFaults("{\"throughput\":{\"mps\":1000},\"pair_rate\":{\"enabled\":false},"
                    + "\"errors\":[{\"code\":131016,\"count\":1000000,\"phone_number_id\":\"" + FAILING + "\"}]}");
            List<SendCommand> stuck = new ArrayList<>();
            for (int m = 0; m < 2; m++) {
                for (int r = 0; r < 100; r++) {
                    stuck.add(DeliveryRig.text("acc_e2e_outage", FAILING, "+4477009" + String.format("%05d", r),
                            "Update " + m + " of order " + r, Instant.now().plus(Duration.ofMinutes(10))));
                }
            }
            rig.send(stuck);
            List<SendCommand> heads = stuck.subList(0, 100);
            await().atMost(WAIT).until(() -> heads.stream().allMatch(c -> attempts(rig, c) >= 1));

            List<SendCommand> flowing = new ArrayList<>();
            for (int r = 0; r < 100; r++) {
                flowing.add(DeliveryRig.text("acc_e2e_outage", HEALTHY, "+4477010" + String.format("%05d", r),
                        "Your code is " + (1000 + r), null));
            }
            rig.send(flowing);
            await().atMost(WAIT).until(() -> flowing.stream().allMatch(c -> rig.events.has(c.getMessageId(),
                    MessageEventType.SENT)));
            assertThat(stuck).as("still waiting, none given up").allSatisfy(c ->
                    assertThat(rig.events.terminal(c.getMessageId())).isNull());
            String health = DeliveryRig.admin(dispatcher, "GET", "/health").body();
            assertThat(health).contains("\"status\":\"UP\"").contains("\"degraded\"").contains(FAILING)
                    .contains("131016");

            await().atMost(WAIT).until(() -> heads.stream().allMatch(c -> attempts(rig, c) >= 12));
            rig.simulator.resetFaults();
            rig.simulator.putFaults("{\"throughput\":{\"mps\":1000},\"pair_rate\":{\"enabled\":false}}");

            List<String> ids = stuck.stream().map(SendCommand::getMessageId).toList();
            await().atMost(WAIT).until(() -> rig.events.terminalCount(ids) == ids.size());
            assertThat(stuck).allSatisfy(c -> {
                assertThat(rig.events.terminal(c.getMessageId()).getType()).isEqualTo(MessageEventType.SENT);
                assertThat(rig.events.deadLetter(c.getMessageId())).isNull();
            });
            Map<String, Integer> accepted = rig.simulator.acceptedByMessageId(20_000);
            assertThat(ids).allSatisfy(id -> assertThat(accepted).containsEntry(id, 1));
            for (int r = 0; r < 100; r++) {
                MessageEvent first = rig.events.terminal(stuck.get(r).getMessageId());
                MessageEvent second = rig.events.terminal(stuck.get(100 + r).getMessageId());
                assertThat(first.getOccurredAt()).as("order of conversation " + r)
                        .isBeforeOrEqualTo(second.getOccurredAt());
            }
        }
    }

    private static long attempts(DeliveryRig rig, SendCommand command) {
        return rig.events.of(command.getMessageId()).stream().filter(e -> e.getType() == MessageEventType.ATTEMPT)
                .count();
    }
}

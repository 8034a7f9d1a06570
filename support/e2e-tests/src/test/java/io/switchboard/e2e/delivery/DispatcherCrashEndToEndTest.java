package io.switchboard.e2e.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.schemas.avro.MessageEventType;
import io.switchboard.schemas.avro.SendCommand;
import io.switchboard.testkit.KafkaTestCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two dispatcher instances share the work (one consumer group); one is killed in the middle of a run of 3,000
 * messages without any drain ({@code shutdown-timeout} 0: calls under way are abandoned, nothing is waited for).
 * Every message still ends SENT, and every duplicate the simulator received (counted by our message id in
 * {@code biz_opaque_callback_data}) is one the dispatchers counted as a possible duplicate.
 */
class DispatcherCrashEndToEndTest {

    private static final int MESSAGES = 3_000;
    private static final int NUMBERS = 10;

    @Test
    void afterAnInstanceIsKilledMidRunEveryMessageIsSentAndEveryDuplicateWasCounted() throws Exception {
        try (KafkaTestCluster kafka = KafkaTestCluster.start(1);
             DeliveryRig rig = new DeliveryRig(kafka, (short) 1, Map.of(
                     "simulator.faults.plan", "{\"throughput\":{\"mps\":1000},\"pair_rate\":{\"enabled\":false}}"),
                     Map.of("switchboard.dispatcher.revoke-timeout", "2s",
                             "switchboard.cloud-api.request-timeout", "30s"))) {
            IsolatedDispatcher survivor = rig.startDispatcher(Map.of());
            IsolatedDispatcher victim = rig.startDispatcher(Map.of("switchboard.dispatcher.shutdown-timeout", "0s"));
            await().atMost(Duration.ofSeconds(30)).until(() -> assignedPartitions(survivor) > 0
                    && assignedPartitions(victim) > 0);
            List<SendCommand> commands = new ArrayList<>();
            for (int i = 0; i < MESSAGES; i++) {
                commands.add(DeliveryRig.text("acc_e2e_crash", "10900000000" + (1000 + i % NUMBERS),
                        "+4477009" + String.format("%05d", i), "Your order #" + (20_000 + i) + " is on its way", null));
            }
            List<String> ids = commands.stream().map(SendCommand::getMessageId).toList();

            rig.send(commands);
            // The kill comes once a quarter is done and the victim has answered some of its own: on a slow machine
            // its first answers can trail the survivor's, and a victim that never sent proves nothing.
            await().atMost(Duration.ofSeconds(60)).until(() -> rig.events.terminalCount(ids) >= MESSAGES / 4
                    && victim.counter("dispatcher.sends") > 0);
            long calledBeforeKill = (long) victim.counter("dispatcher.sends");
            long terminalAtKill = rig.events.terminalCount(ids);
            victim.close();

            await().atMost(Duration.ofSeconds(90)).until(() -> rig.events.terminalCount(ids) == MESSAGES);
            assertThat(ids).allSatisfy(id -> assertThat(rig.events.terminal(id).getType())
                    .isEqualTo(MessageEventType.SENT));
            Map<String, Integer> accepted = rig.simulator.acceptedByMessageId(20_000);
            assertThat(accepted.keySet()).containsAll(ids);
            long duplicates = accepted.values().stream().mapToLong(n -> n - 1).sum();
            double counted = victim.counter("dispatcher.possible.duplicates")
                    + survivor.counter("dispatcher.possible.duplicates");
            System.out.printf("crash test: %d messages, %d terminal at the kill, the victim had %d answers; %d duplicate "
                    + "sends at the simulator, %.0f counted as possible duplicates%n", MESSAGES, terminalAtKill,
                    calledBeforeKill, duplicates, counted);
            assertThat(calledBeforeKill).as("the victim took part").isPositive();
            assertThat(duplicates).as("every duplicate send was counted by the dispatchers")
                    .isLessThanOrEqualTo((long) counted);
        }
    }

    private static int assignedPartitions(IsolatedDispatcher dispatcher) {
        String health = DeliveryRig.admin(dispatcher, "GET", "/health").body();
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\"assignedPartitions\":(\\d+)")
                .matcher(health);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
    }
}

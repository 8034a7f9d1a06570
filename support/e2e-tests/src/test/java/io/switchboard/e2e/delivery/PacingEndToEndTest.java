package io.switchboard.e2e.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.schemas.avro.MessageEvent;
import io.switchboard.schemas.avro.MessageEventType;
import io.switchboard.schemas.avro.SendCommand;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The pacing rules as WhatsApp (the simulator) sees them: each number within its budget + 5% in every sliding
 * second, by the simulator's own per-second counter; a 130429 lowers only that number's rate, which recovers once
 * WhatsApp accepts more; a 131056 delays only that recipient while the number's other recipients flow.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PacingEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(45);

    private DeliveryRig rig;

    @BeforeAll
    void start() {
        rig = DeliveryRig.shared();
    }

    @Test
    void everyNumberStaysWithinItsBudgetPlusFivePercentInEverySecond() {
        String standard = "109000000000041";
        // WhatsApp's limits equal our budgets: a send over budget would be refused with 130429.
        rig.simulator.putFaults("{\"throughput\":{\"per_number\":{\"" + DeliveryRig.FAST_NUMBER + "\":100}}}");
        List<SendCommand> fast = burst(DeliveryRig.FAST_NUMBER, 300, "+4477009004");
        List<SendCommand> slow = burst(standard, 240, "+4477009005");

        rig.send(Stream.concat(fast.stream(), slow.stream()).toList());

        await().atMost(WAIT).until(() -> rig.events.terminalCount(ids(fast)) == fast.size()
                && rig.events.terminalCount(ids(slow)) == slow.size());
        assertThat(Stream.concat(fast.stream(), slow.stream()))
                .allSatisfy(c -> assertThat(rig.events.terminal(c.getMessageId()).getType())
                        .isEqualTo(MessageEventType.SENT));
        assertThat(rig.simulator.numberStats(DeliveryRig.FAST_NUMBER).path("max_per_second").asInt())
                .isBetween(30, 105);
        assertThat(rig.simulator.numberStats(standard).path("max_per_second").asInt()).isBetween(30, 84);
        assertThat(rig.simulator.refused(DeliveryRig.FAST_NUMBER, 130429)).isZero();
        assertThat(rig.simulator.refused(standard, 130429)).isZero();
    }

    @Test
    void a130429LowersOnlyThatNumbersRateWhichRecoversOnceWhatsAppAcceptsMore() {
        String throttled = "109000000000051";
        String neighbour = "109000000000052";
        rig.simulator.putFaults("{\"throughput\":{\"per_number\":{\"" + throttled + "\":20}}}");
        double loweredBefore = rig.dispatcher().counter("dispatcher.pacing.rate.lowered");
        List<SendCommand> squeezed = burst(throttled, 120, "+4477009006");
        List<SendCommand> others = burst(neighbour, 120, "+4477009007");

        rig.send(Stream.concat(squeezed.stream(), others.stream()).toList());

        await().atMost(WAIT).until(() -> RedisProbe.exists("pace:{" + throttled + "}:rate"));
        await().atMost(WAIT).until(() -> rig.events.terminalCount(ids(squeezed)) == squeezed.size()
                && rig.events.terminalCount(ids(others)) == others.size());
        assertThat(squeezed).allSatisfy(c -> assertThat(rig.events.terminal(c.getMessageId()).getType())
                .isEqualTo(MessageEventType.SENT));
        assertThat(rig.simulator.refused(throttled, 130429)).isPositive();
        assertThat(rig.dispatcher().counter("dispatcher.pacing.rate.lowered")).isGreaterThan(loweredBefore);
        assertThat(rig.simulator.refused(neighbour, 130429)).isZero();
        assertThat(RedisProbe.exists("pace:{" + neighbour + "}:rate")).isFalse();
        assertThat(lastSent(others)).as("the neighbour was not slowed down").isBefore(lastSent(squeezed));

        // WhatsApp lifts the limit: the lowered rate climbs back (recovery-per-second) to the full budget.
        rig.simulator.putFaults("{\"throughput\":{\"per_number\":{\"" + throttled + "\":1000}}}");
        rig.simulator.resetStats();
        List<SendCommand> after = burst(throttled, 250, "+4477009008");
        rig.send(after);

        await().atMost(WAIT).until(() -> rig.events.terminalCount(ids(after)) == after.size());
        assertThat(rig.simulator.numberStats(throttled).path("max_per_second").asInt()).isBetween(30, 84);
        await().atMost(Duration.ofSeconds(5)).until(() -> !RedisProbe.exists("pace:{" + throttled + "}:rate"));
    }

    @Test
    void aPairLimitDelaysOnlyThatRecipientWhileTheNumbersOtherRecipientsFlow() {
        String number = "109000000000061";
        String busy = "+447700900699";
        rig.simulator.putFaults("{\"pair_rate\":{\"burst\":2,\"interval_ms\":500}}");
        List<SendCommand> toBusy = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            toBusy.add(DeliveryFaultsEndToEndTest.text(number, busy, "Update " + i + " of 5"));
        }
        List<SendCommand> toOthers = burst(number, 40, "+4477009009");

        rig.send(Stream.concat(toBusy.stream(), toOthers.stream()).toList());

        await().atMost(WAIT).until(() -> rig.events.terminalCount(ids(toBusy)) == toBusy.size()
                && rig.events.terminalCount(ids(toOthers)) == toOthers.size());
        assertThat(rig.simulator.refused(number, 131056)).isPositive();
        assertThat(toOthers).allSatisfy(c -> assertThat(rig.events.of(c.getMessageId())).singleElement()
                .satisfies(e -> assertThat(e.getType()).isEqualTo(MessageEventType.SENT)));
        assertThat(toBusy).allSatisfy(c -> assertThat(rig.events.terminal(c.getMessageId()).getType())
                .isEqualTo(MessageEventType.SENT));
        assertThat(toBusy.stream().flatMap(c -> rig.events.of(c.getMessageId()).stream())
                .filter(e -> e.getType() == MessageEventType.ATTEMPT))
                .isNotEmpty().allSatisfy(e -> assertThat(e.getError().getCode()).isEqualTo(131056));
        // The busy recipient's messages keep their order and finish after everyone else's.
        List<String> sentOrder = toBusy.stream().map(c -> rig.events.terminal(c.getMessageId()))
                .sorted(Comparator.comparing(MessageEvent::getOccurredAt)).map(MessageEvent::getMessageId).toList();
        assertThat(sentOrder).containsExactlyElementsOf(ids(toBusy));
        assertThat(lastSent(toOthers)).isBefore(lastSent(toBusy));
    }

    /** {@code count} messages from {@code number}, to recipients {@code prefix}00.. (few enough per pair limit). */
    private static List<SendCommand> burst(String number, int count, String prefix) {
        List<SendCommand> commands = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            commands.add(DeliveryFaultsEndToEndTest.text(number, prefix + String.format("%02d", i % 40),
                    "Your order #" + (1000 + i) + " is confirmed"));
        }
        return commands;
    }

    private java.time.Instant lastSent(List<SendCommand> commands) {
        return commands.stream().map(c -> rig.events.terminal(c.getMessageId()).getOccurredAt())
                .max(Comparator.naturalOrder()).orElseThrow();
    }

    private static List<String> ids(List<SendCommand> commands) {
        return commands.stream().map(SendCommand::getMessageId).toList();
    }
}

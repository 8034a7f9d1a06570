package io.switchboard.projector.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;

class OutboundKeysTest {

    private static final byte[] ACCOUNT = OutboundKeys.prefix(OutboundKeys.BY_ACCOUNT, "acct-1");

    @Test
    void keysSortNewestFirstThenByMessageIdAsPositionsDo() {
        List<OutboundPosition> positions = new ArrayList<>(List.of(new OutboundPosition(1_000, "b"),
                new OutboundPosition(3_000, "a"), new OutboundPosition(1_000, "a"), new OutboundPosition(2_000, "z"),
                new OutboundPosition(1_766_000_000_000L, "c")));

        List<OutboundPosition> byKey = positions.stream()
                .sorted(Comparator.comparing(p -> OutboundKeys.key(ACCOUNT, p))).toList();
        positions.sort(Comparator.naturalOrder());

        assertThat(byKey).isEqualTo(positions);
        assertThat(positions.get(0).acceptedAtMillis()).isEqualTo(1_766_000_000_000L);
        assertThat(OutboundKeys.position(OutboundKeys.key(ACCOUNT, positions.get(2)), ACCOUNT.length))
                .isEqualTo(positions.get(2));
    }

    @Test
    void timeBoundsEncloseExactlyTheMessagesAcceptedInTheRange() {
        Bytes newest = OutboundKeys.newestBound(ACCOUNT, 2_000L);
        Bytes oldest = OutboundKeys.oldestBound(ACCOUNT, 1_000L);

        assertThat(inRange(new OutboundPosition(2_000, "a"), newest, oldest)).as("until is exclusive").isFalse();
        assertThat(inRange(new OutboundPosition(1_999, "a"), newest, oldest)).isTrue();
        assertThat(inRange(new OutboundPosition(1_000, "zzzz"), newest, oldest)).as("since is inclusive").isTrue();
        assertThat(inRange(new OutboundPosition(999, "a"), newest, oldest)).isFalse();
        assertThat(inRange(new OutboundPosition(5, "a"), OutboundKeys.newestBound(ACCOUNT, null),
                OutboundKeys.oldestBound(ACCOUNT, null))).isTrue();
    }

    @Test
    void noPartValueRunsIntoAnother() {
        OutboundPosition position = new OutboundPosition(1_000, "m");
        byte[] shortAccount = OutboundKeys.prefix(OutboundKeys.BY_REFERENCE, "acct", "1order");
        byte[] longAccount = OutboundKeys.prefix(OutboundKeys.BY_REFERENCE, "acct1", "order");
        byte[] withNul = OutboundKeys.prefix(OutboundKeys.BY_REFERENCE, "acct", "order\u0000x");

        Bytes key = OutboundKeys.key(shortAccount, position);

        for (byte[] other : List.of(longAccount, withNul, OutboundKeys.prefix(OutboundKeys.BY_REFERENCE, "acct",
                "1orde"))) {
            assertThat(inRange(key, OutboundKeys.newestBound(other, null), OutboundKeys.oldestBound(other, null)))
                    .isFalse();
        }
        assertThat(inRange(key, OutboundKeys.newestBound(shortAccount, null),
                OutboundKeys.oldestBound(shortAccount, null))).isTrue();
    }

    private static boolean inRange(OutboundPosition position, Bytes from, Bytes to) {
        return inRange(OutboundKeys.key(ACCOUNT, position), from, to);
    }

    private static boolean inRange(Bytes key, Bytes from, Bytes to) {
        return key.compareTo(from) >= 0 && key.compareTo(to) <= 0;
    }
}

package io.switchboard.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.bench.scenario.HopBreakdown.Hop;
import io.switchboard.bench.scenario.HopBreakdown.HopFigures;
import io.switchboard.bench.scenario.MessageTimes.Point;
import io.switchboard.schemas.avro.MessageState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-hop breakdown: hops between consecutive points, percentiles over signed values, the dominant hop. */
class HopBreakdownTest {

    @Test
    void eachHopIsTheTimeBetweenItsTwoPointsAndMissingPointsLeaveTheMessageOut() {
        MessageTimes full = times(1000, 998, 1010, 1260, 1265, 1400, 1420);
        MessageTimes noSimulator = new MessageTimes();
        noSimulator.mark(Point.COMMAND, 2000);
        noSimulator.mark(Point.SENT_EVENT, 2300);
        noSimulator.mark(Point.PROJECTED, 2450);

        List<HopFigures> hops = HopBreakdown.of(List.of(full, noSimulator));

        assertThat(figures(hops, Hop.API_TO_COMMAND)).isEqualTo(new HopFigures(Hop.API_TO_COMMAND, 1, -2, -2, -2, -2));
        assertThat(figures(hops, Hop.COMMAND_TO_CALL).p50()).isEqualTo(12);
        assertThat(figures(hops, Hop.CALL_TO_ANSWER).p50()).isEqualTo(250);
        assertThat(figures(hops, Hop.ANSWER_TO_EVENT).p50()).isEqualTo(5);
        assertThat(figures(hops, Hop.EVENT_TO_PROJECTED).count()).isEqualTo(2);
        assertThat(figures(hops, Hop.EVENT_TO_PROJECTED).max()).isEqualTo(150);
        assertThat(figures(hops, Hop.PROJECTED_TO_VISIBLE).p50()).isEqualTo(20);
        assertThat(figures(hops, Hop.COMMAND_TO_EVENT).count()).isEqualTo(2);
        assertThat(figures(hops, Hop.TOTAL).p50()).isEqualTo(420);
    }

    @Test
    void percentilesAreNearestRankOverTheSortedValues() {
        List<MessageTimes> messages = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            MessageTimes t = new MessageTimes();
            t.mark(Point.SENT_EVENT, 0);
            t.mark(Point.PROJECTED, i);
            messages.add(t);
        }

        HopFigures projected = figures(HopBreakdown.of(messages), Hop.EVENT_TO_PROJECTED);

        assertThat(projected.p50()).isEqualTo(50);
        assertThat(projected.p90()).isEqualTo(90);
        assertThat(projected.p99()).isEqualTo(99);
        assertThat(projected.max()).isEqualTo(100);
        assertThat(HopBreakdown.percentile(new long[0], 50)).isNaN();
    }

    @Test
    void theDominantHopIsTheStepWithTheLargestMedianNeverASum() {
        List<HopFigures> hops = HopBreakdown.of(List.of(times(0, 1, 300, 550, 560, 600, 610)));

        assertThat(HopBreakdown.dominant(hops).hop()).isEqualTo(Hop.COMMAND_TO_CALL);
        assertThat(HopBreakdown.dominant(HopBreakdown.of(List.of()))).isNull();
    }

    @Test
    void aPointIsKeptTheFirstTimeItIsSeen() {
        MessageTimes t = new MessageTimes();
        t.mark(Point.PROJECTED, 10);
        t.mark(Point.PROJECTED, 20);

        assertThat(t.at(Point.PROJECTED)).isEqualTo(10);
        assertThat(t.between(Point.COMMAND, Point.PROJECTED)).isNull();
    }

    @Test
    void sentDeliveredAndReadCountAsProjectedSentButQueuedAndFailedDoNot() {
        assertThat(HopTracker.isSentOrLater(MessageState.SENT)).isTrue();
        assertThat(HopTracker.isSentOrLater(MessageState.READ)).isTrue();
        assertThat(HopTracker.isSentOrLater(MessageState.QUEUED)).isFalse();
        assertThat(HopTracker.isSentOrLater(MessageState.FAILED)).isFalse();
    }

    private static MessageTimes times(long... at) {
        MessageTimes t = new MessageTimes();
        Point[] points = Point.values();
        for (int i = 0; i < at.length; i++) {
            t.mark(points[i], at[i]);
        }
        return t;
    }

    private static HopFigures figures(List<HopFigures> hops, Hop hop) {
        return hops.stream().filter(f -> f.hop() == hop).findFirst().orElseThrow();
    }
}

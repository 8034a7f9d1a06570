package io.switchboard.bench.scenario;

import io.switchboard.bench.scenario.MessageTimes.Point;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Where the time between the 202 and {@code sent} being visible goes: for each hop between consecutive points of
 * {@link MessageTimes}, the count, p50, p90, p99 and max over the messages that have both points. Hops can be
 * negative (the ingress writes its command before it answers 202, so that hop is the record's timestamp minus the
 * answer's arrival), so percentiles are taken over the sorted values as they are (nearest rank). The dominant hop is
 * the one with the largest median.
 */
public final class HopBreakdown {

    /** One hop between two points. */
    public enum Hop {
        API_TO_COMMAND(Point.ACCEPTED, Point.COMMAND, "202 -> command on send-commands"),
        COMMAND_TO_CALL(Point.COMMAND, Point.SIM_RECEIVED, "command -> dispatcher's Cloud API call received"),
        CALL_TO_ANSWER(Point.SIM_RECEIVED, Point.SIM_ANSWERED, "Cloud API call -> simulator's answer"),
        ANSWER_TO_EVENT(Point.SIM_ANSWERED, Point.SENT_EVENT, "simulator's answer -> SENT on message-events"),
        EVENT_TO_PROJECTED(Point.SENT_EVENT, Point.PROJECTED, "SENT event -> sent on message-status (committed)"),
        PROJECTED_TO_VISIBLE(Point.PROJECTED, Point.VISIBLE, "message-status -> visible in the status query"),
        COMMAND_TO_EVENT(Point.COMMAND, Point.SENT_EVENT, "command -> SENT on message-events (dispatcher in all)"),
        TOTAL(Point.ACCEPTED, Point.VISIBLE, "202 -> sent visible (in all)");

        private final Point from;
        private final Point to;
        private final String label;

        Hop(Point from, Point to, String label) {
            this.from = from;
            this.to = to;
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** A hop of the chain (not a sum of several). */
        public boolean step() {
            return this != COMMAND_TO_EVENT && this != TOTAL;
        }
    }

    /** One hop's figures in milliseconds; NaN when no message had both points. */
    public record HopFigures(Hop hop, int count, double p50, double p90, double p99, double max) {
    }

    private HopBreakdown() {
    }

    /** The figures of every hop over {@code messages}. */
    public static List<HopFigures> of(Collection<MessageTimes> messages) {
        List<HopFigures> out = new ArrayList<>();
        for (Hop hop : Hop.values()) {
            long[] values = messages.stream().map(m -> m.between(hop.from, hop.to))
                    .filter(v -> v != null).mapToLong(Long::longValue).sorted().toArray();
            out.add(new HopFigures(hop, values.length, percentile(values, 50), percentile(values, 90),
                    percentile(values, 99), values.length == 0 ? Double.NaN : values[values.length - 1]));
        }
        return out;
    }

    /** The step hop with the largest median, or null when none was measured. */
    public static HopFigures dominant(List<HopFigures> figures) {
        return figures.stream().filter(f -> f.hop().step() && f.count() > 0)
                .max((a, b) -> Double.compare(a.p50(), b.p50())).orElse(null);
    }

    /** Nearest-rank percentile of sorted values; NaN for none. */
    static double percentile(long[] sorted, double percent) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    public static String describe(HopFigures f) {
        return String.format("%s: n=%d p50=%.0f p90=%.0f p99=%.0f max=%.0f ms", f.hop().label(), f.count(), f.p50(),
                f.p90(), f.p99(), f.max());
    }
}

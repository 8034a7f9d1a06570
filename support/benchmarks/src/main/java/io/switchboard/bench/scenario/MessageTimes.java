package io.switchboard.bench.scenario;

/**
 * When one message reached each point between the API's 202 and its {@code sent} status being visible, in epoch
 * milliseconds of this machine's clock (every process shares it), -1 until seen: the 202 at the generator; the
 * ingress's record on {@code send-commands} (its producer's timestamp); the simulator receiving the dispatcher's
 * Cloud API call and answering it (from {@code /_sim/messages}); the dispatcher's SENT record on
 * {@code message-events}; the projector's {@code sent} on {@code message-status} as a read_committed consumer in the
 * generator first reads it; the status query showing {@code sent}. A point is kept the first time it is seen.
 */
public final class MessageTimes {

    /** The points, in pipeline order. */
    public enum Point { ACCEPTED, COMMAND, SIM_RECEIVED, SIM_ANSWERED, SENT_EVENT, PROJECTED, VISIBLE }

    private final long[] at = new long[Point.values().length];

    public MessageTimes() {
        java.util.Arrays.fill(at, -1);
    }

    /** Records {@code point} at {@code epochMillis} unless it was seen already. */
    public synchronized void mark(Point point, long epochMillis) {
        if (at[point.ordinal()] < 0) {
            at[point.ordinal()] = epochMillis;
        }
    }

    public synchronized long at(Point point) {
        return at[point.ordinal()];
    }

    /** Milliseconds from {@code from} to {@code to}, or null when either was not seen. */
    public synchronized Long between(Point from, Point to) {
        long a = at[from.ordinal()];
        long b = at[to.ordinal()];
        return a < 0 || b < 0 ? null : b - a;
    }
}

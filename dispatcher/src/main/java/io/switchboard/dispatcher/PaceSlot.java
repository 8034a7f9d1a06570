package io.switchboard.dispatcher;

/**
 * One send slot of a number's shared pace, in {@link System#nanoTime()} terms: the send is on time from {@code at}
 * until {@code latest} (the tolerance), and may still go out until {@code limit} when this instance's one-second
 * window of the number has room for it ({@link SendWindows}). A send later than {@code limit} could bunch up with the
 * sends on the following slots (of any instance) beyond what the number's budget allows in one second
 * ({@link PacingProperties#lateAllowanceNanos}), so it takes a new slot instead.
 */
public record PaceSlot(long at, long latest, long limit) {

    /** A slot with no lateness beyond its tolerance. */
    public PaceSlot(long at, long latest) {
        this(at, latest, latest);
    }

    /** Whether a send at {@code nanoTime} is still on time. */
    public boolean usableAt(long nanoTime) {
        return nanoTime - latest <= 0;
    }

    /** Whether a send at {@code nanoTime} may still go out, window permitting. */
    public boolean withinLimitAt(long nanoTime) {
        return nanoTime - limit <= 0;
    }
}

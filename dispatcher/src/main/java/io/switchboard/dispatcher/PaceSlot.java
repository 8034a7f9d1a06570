package io.switchboard.dispatcher;

/**
 * One send slot of a number's shared pace, in {@link System#nanoTime()} terms: the send may go out from {@code at}
 * until {@code latest}. A send later than {@code latest} could bunch up with the sends on the following slots beyond
 * what the number's budget allows in one second ({@link PacingProperties#lateAllowanceNanos}), so it takes a new
 * slot instead.
 */
public record PaceSlot(long at, long latest) {

    /** Whether a send at {@code nanoTime} still keeps the number within its budget. */
    public boolean usableAt(long nanoTime) {
        return nanoTime - latest <= 0;
    }
}

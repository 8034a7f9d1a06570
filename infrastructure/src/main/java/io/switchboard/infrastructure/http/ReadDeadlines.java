package io.switchboard.infrastructure.http;

/**
 * The deadlines of one connection's reading side, in plain time arithmetic (nanoseconds from any origin): a head must
 * be complete within the header timeout of its first byte (a new connection's clock starts when it opens); a body
 * within the body timeout plus one second per {@code bodyMinBytesPerSecond} received; a connection with nothing in
 * progress is idle and is closed after the keep-alive timeout. A clock only runs while the server owes the client
 * nothing that would hold it back (no earlier response still to write): a server busy with pipelined requests may
 * stop reading, and that is not the client's slowness.
 */
final class ReadDeadlines {

    /** What the connection is reading. */
    enum Phase { IDLE, HEAD, BODY }

    /** Which deadline passed, if any. */
    enum Expired { NONE, HEAD_BEFORE_ANY_BYTE, HEAD, BODY, IDLE }

    private final long headNanos;
    private final long bodyNanos;
    private final long bodyMinBytesPerSecond;
    private final long idleNanos;
    private Phase phase = Phase.HEAD;
    private long clockStart;
    private boolean counting = true;
    private long headBytes;
    private long bodyBytes;

    ReadDeadlines(HttpLimits limits, long now) {
        this.headNanos = limits.headerTimeout().toNanos();
        this.bodyNanos = limits.bodyTimeout().toNanos();
        this.bodyMinBytesPerSecond = limits.bodyMinBytesPerSecond();
        this.idleNanos = limits.keepAliveTimeout().toNanos();
        this.clockStart = now;
    }

    Phase phase() {
        return phase;
    }

    /** Bytes read from the socket: the first of a new head starts its clock; a body's extend its deadline. */
    void bytesArrived(long now, int count) {
        switch (phase) {
            case IDLE -> {
                enter(Phase.HEAD, now);
                headBytes = count;
            }
            case HEAD -> headBytes += count;
            case BODY -> bodyBytes += count;
        }
    }

    /** The head is decoded; a body follows unless {@code complete}. */
    void headDone(long now, boolean complete) {
        enter(complete ? Phase.IDLE : Phase.BODY, now);
    }

    /** The body is decoded. */
    void bodyDone(long now) {
        enter(Phase.IDLE, now);
    }

    /** Whether the client alone is to blame for waiting now; a clock that starts running starts from now. */
    void counting(long now, boolean clientsTurn) {
        if (clientsTurn && !counting) {
            clockStart = now;
        }
        counting = clientsTurn;
    }

    Expired check(long now) {
        if (!counting) {
            return Expired.NONE;
        }
        long elapsed = now - clockStart;
        return switch (phase) {
            case HEAD -> elapsed <= headNanos ? Expired.NONE
                    : headBytes == 0 ? Expired.HEAD_BEFORE_ANY_BYTE : Expired.HEAD;
            case BODY -> elapsed <= bodyNanos + bodyBytes * 1_000_000_000L / bodyMinBytesPerSecond
                    ? Expired.NONE : Expired.BODY;
            case IDLE -> elapsed <= idleNanos ? Expired.NONE : Expired.IDLE;
        };
    }

    private void enter(Phase next, long now) {
        phase = next;
        clockStart = now;
        headBytes = 0;
        bodyBytes = 0;
    }
}

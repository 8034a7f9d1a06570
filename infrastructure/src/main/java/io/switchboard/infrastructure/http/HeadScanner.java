package io.switchboard.infrastructure.http;

import io.netty.buffer.ByteBuf;

/**
 * Finds obsolete line folding (RFC 9112 §5.2: a header line that starts with a space or tab, continuing the line
 * before) in a request head that arrives in pieces. Netty would join such a line to the previous header; a proxy may
 * instead read it as a header of its own, for example a hidden {@code Transfer-Encoding}, so we refuse the request.
 * Each byte of a head is looked at once; leading empty lines before the request line are skipped, as Netty does.
 */
final class HeadScanner {

    /** The head continues past the bytes scanned. */
    static final int MORE = -1;
    /** A folded header line was found. */
    static final int FOLDED = -2;

    private static final byte CR = '\r';
    private static final byte LF = '\n';

    private boolean started;
    private boolean lineStart;
    private boolean blankLine;
    private boolean ended;

    /** Scans {@code buffer[from, to)}: {@link #MORE}, {@link #FOLDED}, or the index just after the head's end. */
    int scan(ByteBuf buffer, int from, int to) {
        if (ended) {
            return from;
        }
        for (int i = from; i < to; i++) {
            byte b = buffer.getByte(i);
            if (!started) {
                started = b > ' ' && b != 0x7f;
                continue;
            }
            if (lineStart) {
                lineStart = false;
                if (b == CR) {
                    blankLine = true;
                    continue;
                }
                if (b == LF) {
                    ended = true;
                    return i + 1;
                }
                if (b == ' ' || b == '\t') {
                    return FOLDED;
                }
            }
            if (b == LF) {
                if (blankLine) {
                    ended = true;
                    return i + 1;
                }
                lineStart = true;
            }
            blankLine = false;
        }
        return MORE;
    }

    /** Ready for the next request's head. */
    void reset() {
        started = false;
        lineStart = false;
        blankLine = false;
        ended = false;
    }
}

package io.switchboard.infrastructure.http;

import java.time.Duration;

/**
 * How much a client may send and how slowly: the size limits of a request head, and the deadlines that stop a slow
 * client from holding a connection (the head must arrive within {@code headerTimeout} of its first byte; the body
 * within {@code bodyTimeout} plus one second per {@code bodyMinBytesPerSecond} received; a kept-alive connection
 * with no request in progress is closed after {@code keepAliveTimeout}).
 */
public record HttpLimits(Duration headerTimeout, Duration bodyTimeout, long bodyMinBytesPerSecond,
                         Duration keepAliveTimeout, int maxInitialLineLength, int maxHeaderSize, int maxChunkSize,
                         int initialBufferSize) {

    public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_BODY_TIMEOUT = Duration.ofSeconds(30);
    public static final long DEFAULT_BODY_MIN_BYTES_PER_SECOND = 10_240;
    public static final Duration DEFAULT_KEEP_ALIVE_TIMEOUT = Duration.ofSeconds(60);

    public HttpLimits {
        if (headerTimeout.isNegative() || headerTimeout.isZero() || bodyTimeout.isNegative() || bodyTimeout.isZero()
                || keepAliveTimeout.isNegative() || keepAliveTimeout.isZero()) {
            throw new IllegalArgumentException("HTTP timeouts must be positive");
        }
        if (bodyMinBytesPerSecond <= 0) {
            throw new IllegalArgumentException("body-min-bytes-per-second must be positive");
        }
    }

    /** 10 s for a head, 30 s (+1 s per 10 KiB) for a body, 60 s idle; Netty's default 4 KiB line and 8 KiB head. */
    public static HttpLimits defaults() {
        return new HttpLimits(DEFAULT_HEADER_TIMEOUT, DEFAULT_BODY_TIMEOUT, DEFAULT_BODY_MIN_BYTES_PER_SECOND,
                DEFAULT_KEEP_ALIVE_TIMEOUT, 4096, 8192, 8192, 128);
    }

    public HttpLimits withTimeouts(Duration header, Duration body, long bodyMinRate, Duration keepAlive) {
        return new HttpLimits(header, body, bodyMinRate, keepAlive, maxInitialLineLength, maxHeaderSize,
                maxChunkSize, initialBufferSize);
    }

    public HttpLimits withSizes(int initialLine, int header, int chunk, int initialBuffer) {
        return new HttpLimits(headerTimeout, bodyTimeout, bodyMinBytesPerSecond, keepAliveTimeout, initialLine,
                header, chunk, initialBuffer);
    }

    /** How often a connection looks at its deadlines: a tenth of the shortest, between 10 ms and 1 s. */
    Duration tick() {
        long shortest = Math.min(headerTimeout.toMillis(), Math.min(bodyTimeout.toMillis(), keepAliveTimeout.toMillis()));
        return Duration.ofMillis(Math.max(10, Math.min(1000, shortest / 10)));
    }
}

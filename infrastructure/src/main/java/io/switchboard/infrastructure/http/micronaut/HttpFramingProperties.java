package io.switchboard.infrastructure.http.micronaut;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.switchboard.infrastructure.http.HttpLimits;
import java.time.Duration;

/**
 * {@code switchboard.http.*}: the deadlines of every HTTP server, and the switch for strict framing. The size limits
 * of a request head stay Micronaut's own ({@code micronaut.server.netty.max-initial-line-length}, default 4096, and
 * {@code micronaut.server.netty.max-header-size}, default 8192).
 */
@ConfigurationProperties(HttpFramingProperties.PREFIX)
public class HttpFramingProperties {

    public static final String PREFIX = "switchboard.http";

    private boolean strictFraming = true;
    private Duration headerTimeout = HttpLimits.DEFAULT_HEADER_TIMEOUT;
    private Duration bodyTimeout = HttpLimits.DEFAULT_BODY_TIMEOUT;
    private long bodyMinBytesPerSecond = HttpLimits.DEFAULT_BODY_MIN_BYTES_PER_SECOND;
    private Duration keepAliveTimeout = HttpLimits.DEFAULT_KEEP_ALIVE_TIMEOUT;

    /** Refuse ambiguous framing and enforce the deadlines (default true); false leaves Micronaut's pipeline as is. */
    public boolean isStrictFraming() {
        return strictFraming;
    }

    public void setStrictFraming(boolean strictFraming) {
        this.strictFraming = strictFraming;
    }

    /** Longest time from a request head's first byte to its end (default 10 s); then 408 and close. */
    public Duration getHeaderTimeout() {
        return headerTimeout;
    }

    public void setHeaderTimeout(Duration headerTimeout) {
        this.headerTimeout = headerTimeout;
    }

    /** Time for a body (default 30 s), extended by one second per {@link #getBodyMinBytesPerSecond()} received. */
    public Duration getBodyTimeout() {
        return bodyTimeout;
    }

    public void setBodyTimeout(Duration bodyTimeout) {
        this.bodyTimeout = bodyTimeout;
    }

    /** The slowest sustained upload rate accepted beyond the body timeout (default 10240 bytes a second). */
    public long getBodyMinBytesPerSecond() {
        return bodyMinBytesPerSecond;
    }

    public void setBodyMinBytesPerSecond(long bodyMinBytesPerSecond) {
        this.bodyMinBytesPerSecond = bodyMinBytesPerSecond;
    }

    /** How long a kept-alive connection may wait for its next request (default 60 s); then it is closed. */
    public Duration getKeepAliveTimeout() {
        return keepAliveTimeout;
    }

    public void setKeepAliveTimeout(Duration keepAliveTimeout) {
        this.keepAliveTimeout = keepAliveTimeout;
    }

    /** These deadlines with the given size limits. */
    public HttpLimits limits(int maxInitialLineLength, int maxHeaderSize, int maxChunkSize, int initialBufferSize) {
        return HttpLimits.defaults()
                .withTimeouts(headerTimeout, bodyTimeout, bodyMinBytesPerSecond, keepAliveTimeout)
                .withSizes(maxInitialLineLength, maxHeaderSize, maxChunkSize, initialBufferSize);
    }
}

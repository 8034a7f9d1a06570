package io.switchboard.ingress.http;

import io.switchboard.ingress.IngressConfiguration;
import jakarta.inject.Singleton;

/**
 * Per-endpoint body limits. The server's own limit ({@code micronaut.server.max-request-size}) must admit the base64
 * of the largest upload on {@code /messages/media}; every other endpoint keeps {@code max-body-size} (1 MB). A
 * declared Content-Length over the limit is refused with 413 before the body is read ({@link EntryFilter}); a chunked
 * body is measured by the send service once read.
 */
@Singleton
public class BodyLimits {

    public static final String MEDIA_PATH = "/api/v1/external/messages/media";

    private final IngressConfiguration config;

    public BodyLimits(IngressConfiguration config) {
        this.config = config;
    }

    /** The limit in bytes of a body sent to {@code path}. */
    public long limitOf(String path) {
        return path.equals(MEDIA_PATH) ? config.getMaxMediaBodySize() : config.getMaxBodySize();
    }

    /** The 413 answer for a body over {@code limit} bytes. */
    public static ApiError tooLarge(long limit) {
        return ApiError.of(ErrorCode.PAYLOAD_TOO_LARGE, "The request body is too large (at most "
                + (limit >= 1024 * 1024 ? limit / (1024 * 1024) + " MB" : limit + " bytes") + " on this endpoint)");
    }
}

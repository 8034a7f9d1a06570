package io.switchboard.ingress.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.switchboard.ingress.IngressConfiguration;

/**
 * Per-endpoint body limits. The server's own limit ({@code micronaut.server.max-request-size}) must admit the base64
 * of the largest upload on {@code /messages/media}; every other endpoint keeps {@code max-body-size} (1 MB). A
 * declared Content-Length over the limit is refused with 413 before the body is read; a chunked body is measured by
 * the send service once read.
 */
@ServerFilter("/api/v1/external/**")
public class BodySizeFilter {

    public static final String MEDIA_PATH = "/api/v1/external/messages/media";

    private final IngressConfiguration config;
    private final ApiResponses responses;

    public BodySizeFilter(IngressConfiguration config, ApiResponses responses) {
        this.config = config;
        this.responses = responses;
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> check(HttpRequest<?> request) {
        long length = request.getContentLength();
        long limit = request.getPath().equals(MEDIA_PATH) ? config.getMaxMediaBodySize() : config.getMaxBodySize();
        if (length > limit) {
            return responses.error(RequestIds.of(request), tooLarge(limit), null);
        }
        return null;
    }

    /** The 413 answer for a body over {@code limit} bytes. */
    public static ApiError tooLarge(long limit) {
        return ApiError.of(ErrorCode.PAYLOAD_TOO_LARGE, "The request body is too large (at most "
                + (limit >= 1024 * 1024 ? limit / (1024 * 1024) + " MB" : limit + " bytes") + " on this endpoint)");
    }
}

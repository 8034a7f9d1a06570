package io.switchboard.ingress.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * The first filter of every request: gives it an id before anything else runs (returned in {@code X-Request-Id} on
 * every answer), and on the public API ({@code /api/v1/external/**}) refuses a declared Content-Length over the
 * endpoint's limit with 413 before the body is read ({@link BodyLimits}). One filter on every path, with the public
 * API's prefix compared by hand, because each filter costs the framework a path match and a method dispatch on every
 * request (docs/BENCHMARKS.md, the ingress profile).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class EntryFilter {

    static final String PUBLIC_API_PREFIX = "/api/v1/external/";

    private final BodyLimits limits;
    private final ApiResponses responses;

    public EntryFilter(BodyLimits limits, ApiResponses responses) {
        this.limits = limits;
        this.responses = responses;
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> enter(HttpRequest<?> request) {
        String requestId = RequestIds.of(request);
        long length = request.getContentLength();
        if (length <= 0) {
            return null;
        }
        String path = request.getPath();
        long limit = limits.limitOf(path);
        if (length > limit && path.startsWith(PUBLIC_API_PREFIX)) {
            return responses.error(requestId, BodyLimits.tooLarge(limit), null);
        }
        return null;
    }

    @ResponseFilter
    public void expose(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (!response.getHeaders().contains(RequestIds.HEADER)) {
            response.header(RequestIds.HEADER, RequestIds.of(request));
        }
    }
}

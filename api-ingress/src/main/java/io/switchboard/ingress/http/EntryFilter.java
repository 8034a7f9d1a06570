package io.switchboard.ingress.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.switchboard.ingress.send.SendEndpoints;
import java.util.Set;

/**
 * The first filter of every request: gives it an id before anything else runs (returned in {@code X-Request-Id} on
 * every answer), answers another method than POST on a send path with 405 and {@code Allow: POST}, and on the public
 * API ({@code /api/v1/external/**}) refuses a declared Content-Length over the endpoint's limit with 413 before the
 * body is read ({@link BodyLimits}). One filter on every path, with the public
 * API's prefix compared by hand, because each filter costs the framework a path match and a method dispatch on every
 * request (docs/BENCHMARKS.md, the ingress profile).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class EntryFilter {

    static final String PUBLIC_API_PREFIX = "/api/v1/external/";

    private final BodyLimits limits;
    private final ApiResponses responses;
    private final Set<String> sendPaths;

    public EntryFilter(BodyLimits limits, ApiResponses responses, SendEndpoints endpoints) {
        this.limits = limits;
        this.responses = responses;
        this.sendPaths = endpoints.paths();
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> enter(HttpRequest<?> request) {
        String requestId = RequestIds.of(request);
        if (request.getMethod() != HttpMethod.POST && sendPaths.contains(request.getPath())) {
            return wrongMethod(requestId, request);
        }
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

    /**
     * A send path asked with another method than POST: without this, {@code GET /messages/text} would be read as
     * the status of a message with id "text" and answered 404 MESSAGE_NOT_FOUND.
     */
    private HttpResponse<?> wrongMethod(String requestId, HttpRequest<?> request) {
        return responses.error(requestId, ApiError.of(ErrorCode.METHOD_NOT_ALLOWED, request.getMethodName()
                        + " is not allowed on " + request.getPath() + ": messages are sent with POST (a JSON body and "
                        + "your X-API-Key). A message's status is at GET " + SendEndpoints.PATH_PREFIX
                        + "{message_id}."), null)
                .header(HttpHeaders.ALLOW, HttpMethod.POST.name());
    }

    @ResponseFilter
    public void expose(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (!response.getHeaders().contains(RequestIds.HEADER)) {
            response.header(RequestIds.HEADER, RequestIds.of(request));
        }
    }
}

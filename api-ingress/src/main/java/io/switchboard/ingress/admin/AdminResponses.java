package io.switchboard.ingress.admin;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.switchboard.ingress.http.ApiError;
import io.switchboard.ingress.http.ApiResponses;
import io.switchboard.ingress.http.Envelopes;
import io.switchboard.ingress.http.RequestIds;
import jakarta.inject.Singleton;
import java.util.function.BiFunction;

/**
 * Writes admin answers: success envelopes with the outcome's status, errors through the public API's
 * {@link ApiResponses} (same envelope, same metrics), {@code X-Request-Id} on both, and {@code Cache-Control:
 * no-store} everywhere, since admin answers (above all the one creation answer with the secret) must not be cached.
 */
@Singleton
public class AdminResponses {

    private final ApiResponses responses;

    public AdminResponses(ApiResponses responses) {
        this.responses = responses;
    }

    public <T> HttpResponse<?> answer(HttpRequest<?> request, AdminOutcome<T> outcome,
                                      BiFunction<T, Envelopes.Meta, ?> envelope) {
        String requestId = RequestIds.of(request);
        MutableHttpResponse<?> response;
        if (outcome.error() != null) {
            response = responses.error(requestId, outcome.error(), null);
        } else {
            response = HttpResponse.status(outcome.status())
                    .body(envelope.apply(outcome.data(), new Envelopes.Meta(requestId, null)))
                    .contentType(MediaType.APPLICATION_JSON_TYPE)
                    .header(RequestIds.HEADER, requestId);
        }
        return response.header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    public HttpResponse<?> refuse(HttpRequest<?> request, ApiError error) {
        return responses.error(RequestIds.of(request), error, null).header(HttpHeaders.CACHE_CONTROL, "no-store");
    }
}

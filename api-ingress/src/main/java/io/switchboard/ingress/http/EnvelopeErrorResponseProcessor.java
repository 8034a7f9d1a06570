package io.switchboard.ingress.http;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error the framework answers by itself (unknown path, wrong method, oversized body, unsupported media type,
 * unconvertible argument, unexpected exception) is written in the API's error envelope instead of Micronaut's default
 * body. The code follows the HTTP status; framework messages are replaced by our own, so internals never leak.
 * Unexpected exceptions are logged with the request id the client sees.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
public class EnvelopeErrorResponseProcessor implements ErrorResponseProcessor<Envelopes.ErrorEnvelope> {

    private static final Logger LOG = LoggerFactory.getLogger(EnvelopeErrorResponseProcessor.class);

    private final ApiResponses responses;

    public EnvelopeErrorResponseProcessor(ApiResponses responses) {
        this.responses = responses;
    }

    @Override
    public MutableHttpResponse<Envelopes.ErrorEnvelope> processResponse(ErrorContext context,
                                                                       MutableHttpResponse<?> response) {
        HttpRequest<?> request = context.getRequest();
        String requestId = RequestIds.of(request);
        ApiError error = errorFor(response.code(), request);
        if (error.code() == ErrorCode.INTERNAL_ERROR) {
            LOG.error("Unexpected error answering {} {} (request {})", request.getMethodName(), request.getPath(),
                    requestId, context.getRootCause().orElse(null));
        }
        response.header(RequestIds.HEADER, requestId);
        return response.contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(responses.frameworkError(requestId, error));
    }

    static ApiError errorFor(int status, HttpRequest<?> request) {
        return switch (status) {
            case 400 -> ApiError.validation("The request is not valid");
            case 401 -> ApiError.invalidApiKey();
            case 403 -> ApiError.of(ErrorCode.PERMISSION_DENIED, "This API key may not do this");
            case 404 -> ApiError.of(ErrorCode.NOT_FOUND, "No endpoint " + request.getMethodName() + " "
                    + shortPath(request));
            case 405 -> ApiError.of(ErrorCode.METHOD_NOT_ALLOWED, "Method " + request.getMethodName()
                    + " is not allowed on " + shortPath(request));
            case 406 -> ApiError.of(ErrorCode.NOT_ACCEPTABLE, "Responses are only available as application/json");
            case 413 -> ApiError.of(ErrorCode.PAYLOAD_TOO_LARGE, "The request body is too large");
            case 415 -> ApiError.of(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be application/json");
            case 503 -> ApiError.of(ErrorCode.SERVICE_UNAVAILABLE, "The service is temporarily unavailable");
            default -> status >= 500
                    ? ApiError.of(ErrorCode.INTERNAL_ERROR, "An unexpected error occurred")
                    : ApiError.validation("The request is not valid");
        };
    }

    /** Paths are client input: bounded so an error never becomes an amplifier. */
    private static String shortPath(HttpRequest<?> request) {
        String path = request.getPath();
        return path.length() <= 200 ? path : path.substring(0, 200) + "...";
    }
}

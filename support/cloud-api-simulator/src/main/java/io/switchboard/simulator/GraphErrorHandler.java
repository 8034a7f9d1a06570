package io.switchboard.simulator;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/**
 * Answers a {@link GraphErrorException} thrown by a Graph API controller (templates, media) with Meta's error
 * envelope and the error's HTTP status, so that every endpoint of the simulated Graph API fails in one shape.
 */
@Produces
@Singleton
@Requires(classes = {GraphErrorException.class, ExceptionHandler.class})
public class GraphErrorHandler implements ExceptionHandler<GraphErrorException, HttpResponse<?>> {

    @Override
    public HttpResponse<?> handle(HttpRequest request, GraphErrorException exception) {
        GraphError error = exception.error();
        return HttpResponse.status(HttpStatus.valueOf(error.httpStatus()))
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(error.toEnvelope());
    }
}

package io.switchboard.projector.query;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;

/**
 * One mapping of a {@link QueryAnswer} to HTTP for every interactive query: 200 with the view, 404
 * {@code MESSAGE_NOT_FOUND}, the owner's answer relayed as it came, or 503 {@code STORE_NOT_READY}.
 */
final class QueryResponses {

    private QueryResponses() {
    }

    static HttpResponse<?> of(QueryAnswer answer) {
        if (answer instanceof QueryAnswer.Found found) {
            return HttpResponse.ok(found.view());
        }
        if (answer instanceof QueryAnswer.NotFound) {
            return HttpResponse.notFound(MessageStatusView.ErrorBody.NOT_FOUND);
        }
        if (answer instanceof QueryAnswer.Relayed relayed) {
            return HttpResponse.status(HttpStatus.valueOf(relayed.status()))
                    .contentType(MediaType.APPLICATION_JSON_TYPE).body(relayed.body());
        }
        return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE).body(MessageStatusView.ErrorBody.NOT_READY);
    }
}

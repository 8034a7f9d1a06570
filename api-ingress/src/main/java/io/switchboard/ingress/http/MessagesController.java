package io.switchboard.ingress.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.switchboard.ingress.send.SendOutcome;
import io.switchboard.ingress.send.TextSendService;
import io.switchboard.ingress.status.MessageStatusService;
import java.util.concurrent.CompletableFuture;

/**
 * The public message endpoints (seed 000). Thin: hands the raw header and body bytes to the services (which decide
 * every error themselves, so malformed input can never reach a framework converter) and writes the envelope.
 * Everything returns a future: Redis, Kafka and the projector are never waited for on an event loop.
 */
@Controller("/api/v1/external/messages")
public class MessagesController {

    public static final String API_KEY_HEADER = "X-API-Key";

    private final TextSendService texts;
    private final MessageStatusService statuses;
    private final ApiResponses responses;

    public MessagesController(TextSendService texts, MessageStatusService statuses, ApiResponses responses) {
        this.texts = texts;
        this.statuses = statuses;
        this.responses = responses;
    }

    @Post(uri = "/text", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public CompletableFuture<HttpResponse<?>> sendText(HttpRequest<?> request,
                                                       @Nullable @Header(API_KEY_HEADER) String apiKey,
                                                       @Nullable @Header(HttpHeaders.CONTENT_TYPE) String contentType,
                                                       @Nullable @Body byte[] body) {
        String requestId = RequestIds.of(request);
        return texts.send(apiKey, contentType, body).thenApply(outcome -> answer(requestId, outcome));
    }

    @Get(uri = "/{messageId}", produces = MediaType.APPLICATION_JSON)
    public CompletableFuture<HttpResponse<?>> status(HttpRequest<?> request,
                                                     @Nullable @Header(API_KEY_HEADER) String apiKey,
                                                     @PathVariable String messageId) {
        String requestId = RequestIds.of(request);
        return statuses.find(apiKey, messageId).thenApply(result -> result.error() != null
                ? responses.error(requestId, result.error(), null)
                : responses.status(requestId, result.view()));
    }

    private HttpResponse<?> answer(String requestId, SendOutcome outcome) {
        if (!outcome.isQueued()) {
            return responses.error(requestId, outcome.error(), outcome.window());
        }
        return responses.accepted(requestId, new Envelopes.MessageAccepted(outcome.messageId(), "queued",
                outcome.to(), outcome.reference()), outcome.window());
    }
}

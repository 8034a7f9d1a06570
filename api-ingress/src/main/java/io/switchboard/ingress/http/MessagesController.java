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
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.switchboard.ingress.idempotency.IdempotencyKeys;
import io.switchboard.ingress.send.SendCall;
import io.switchboard.ingress.send.SendEndpoint;
import io.switchboard.ingress.send.SendEndpoints;
import io.switchboard.ingress.send.SendService;
import io.switchboard.ingress.status.MessageBatchService;
import io.switchboard.ingress.status.MessageStatusService;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The public message endpoints (text, template, media and interactive sends; status and listings). Thin: hands the raw headers and body bytes to the send service
 * (which decides every error itself, so malformed input can never reach a framework converter) and writes the
 * envelope. Everything returns a future: Redis, Kafka, the Cloud API and the projector are never waited for on an
 * event loop. Simulate mode is {@code X-Simulate: true} or {@code ?simulate=true}.
 */
@Controller("/api/v1/external/messages")
public class MessagesController {

    public static final String API_KEY_HEADER = "X-API-Key";
    public static final String SIMULATE_HEADER = "X-Simulate";

    private final SendService sends;
    private final SendEndpoints endpoints;
    private final MessageStatusService statuses;
    private final MessageBatchService batches;
    private final ApiResponses responses;

    public MessagesController(SendService sends, SendEndpoints endpoints, MessageStatusService statuses,
                              MessageBatchService batches, ApiResponses responses) {
        this.sends = sends;
        this.endpoints = endpoints;
        this.statuses = statuses;
        this.batches = batches;
        this.responses = responses;
    }

    @Post(uri = "/text", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public CompletableFuture<HttpResponse<?>> sendText(HttpRequest<?> request, @Nullable @Body byte[] body) {
        return send(endpoints.text(), request, body);
    }

    @Post(uri = "/template", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public CompletableFuture<HttpResponse<?>> sendTemplate(HttpRequest<?> request, @Nullable @Body byte[] body) {
        return send(endpoints.template(), request, body);
    }

    @Post(uri = "/template/send", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public CompletableFuture<HttpResponse<?>> sendNamedTemplate(HttpRequest<?> request, @Nullable @Body byte[] body) {
        return send(endpoints.templateNamed(), request, body);
    }

    @Post(uri = "/interactive/list", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public CompletableFuture<HttpResponse<?>> sendList(HttpRequest<?> request, @Nullable @Body byte[] body) {
        return send(endpoints.list(), request, body);
    }

    @Post(uri = "/interactive/button", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public CompletableFuture<HttpResponse<?>> sendButtons(HttpRequest<?> request, @Nullable @Body byte[] body) {
        return send(endpoints.button(), request, body);
    }

    @Post(uri = "/media", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public CompletableFuture<HttpResponse<?>> sendMedia(HttpRequest<?> request, @Nullable @Body byte[] body) {
        return send(endpoints.media(), request, body);
    }

    /** The status of up to 100 messages: {@code {"message_ids":[...]}}. */
    @Post(uri = "/status", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public CompletableFuture<HttpResponse<?>> statuses(HttpRequest<?> request, @Nullable @Body byte[] body) {
        String requestId = RequestIds.of(request);
        return batches.lookup(request.getHeaders().get(API_KEY_HEADER),
                        request.getHeaders().get(HttpHeaders.CONTENT_TYPE), body)
                .thenApply(result -> result.error() != null ? responses.error(requestId, result.error(), null)
                        : responses.okJson(requestId, result.data()));
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

    private CompletableFuture<HttpResponse<?>> send(SendEndpoint endpoint, HttpRequest<?> request,
                                                    @Nullable byte[] body) {
        String requestId = RequestIds.of(request);
        SendCall call = new SendCall(request.getHeaders().get(API_KEY_HEADER),
                request.getHeaders().get(HttpHeaders.CONTENT_TYPE), body,
                request.getHeaders().get(IdempotencyKeys.HEADER), isSimulation(request), eventLoopOf(request));
        return sends.send(endpoint, call).thenApply(outcome -> responses.send(requestId, outcome));
    }

    /** The request's Netty event loop, where its answer is written; null when not served by Netty. */
    @Nullable
    private static Executor eventLoopOf(HttpRequest<?> request) {
        return request instanceof NettyHttpRequest<?> netty ? netty.getChannelHandlerContext().channel().eventLoop()
                : null;
    }

    private static boolean isSimulation(HttpRequest<?> request) {
        // The query string is decoded only when there is one: most sends have none.
        return "true".equalsIgnoreCase(request.getHeaders().get(SIMULATE_HEADER))
                || request.getUri().getRawQuery() != null
                && "true".equalsIgnoreCase(request.getParameters().get("simulate"));
    }
}

package io.switchboard.ingress.fast;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.json.JsonMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.switchboard.ingress.IngressConfiguration;
import io.switchboard.ingress.auth.ApiKeyAuthenticator;
import io.switchboard.ingress.http.ApiError;
import io.switchboard.ingress.http.ApiResponses;
import io.switchboard.ingress.http.BodyLimits;
import io.switchboard.ingress.http.ErrorCode;
import io.switchboard.ingress.http.MessagesController;
import io.switchboard.ingress.http.RequestIds;
import io.switchboard.ingress.idempotency.IdempotencyKeys;
import io.switchboard.ingress.send.SendCall;
import io.switchboard.ingress.send.SendEndpoint;
import io.switchboard.ingress.send.SendEndpoints;
import io.switchboard.ingress.send.SendService;
import io.switchboard.ingress.signing.SignatureFilter;
import io.switchboard.schemas.avro.ApiKey;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The work of the fast path ({@link FastSendHandler}): which requests it may take, and their answers, through the
 * very classes the controller uses ({@link SendService}, {@link ApiResponses}): same checks, same envelopes.
 */
@Singleton
public class FastSends {

    private static final Logger LOG = LoggerFactory.getLogger(FastSends.class);
    private static final String PREFIX = "/api/v1/external/messages/";

    private final SendService sends;
    private final ApiResponses responses;
    private final ApiKeyAuthenticator authenticator;
    private final JsonMapper json;
    private final FastSendMetrics metrics;
    private final Map<String, SendEndpoint> routes;
    private final long maxBodySize;
    private final java.util.concurrent.atomic.LongAdder served = new java.util.concurrent.atomic.LongAdder();

    public FastSends(SendService sends, SendEndpoints endpoints, ApiResponses responses,
                     ApiKeyAuthenticator authenticator, JsonMapper json, FastSendMetrics metrics,
                     IngressConfiguration config) {
        this.metrics = metrics;
        this.sends = sends;
        this.responses = responses;
        this.authenticator = authenticator;
        this.json = json;
        this.routes = Map.of(PREFIX + "text", endpoints.text(), PREFIX + "template/send", endpoints.templateNamed());
        this.maxBodySize = config.getMaxBodySize();
    }

    /** Requests answered by the fast path since start. */
    public long served() {
        return served.sum();
    }

    long maxBodySize() {
        return maxBodySize;
    }

    /**
     * The endpoint when the fast path answers exactly as the framework would; null leaves the request to it: any
     * other route or method, HTTP/1.0, Expect, a declared body over the limit (413 by the entry filter), an Accept
     * that is not plainly JSON (406), a compressed body, a signed request or a key that requires signing (the
     * signature filter).
     */
    SendEndpoint route(HttpRequest request) {
        if (request.method() != HttpMethod.POST || request.protocolVersion() != HttpVersion.HTTP_1_1
                || request.decoderResult().isFailure()) {
            return null;
        }
        String uri = request.uri();
        int query = uri.indexOf('?');
        SendEndpoint endpoint = routes.get(query < 0 ? uri : uri.substring(0, query));
        if (endpoint == null) {
            return null;
        }
        io.netty.handler.codec.http.HttpHeaders headers = request.headers();
        if (headers.contains(HttpHeaderNames.EXPECT) || headers.contains(HttpHeaderNames.CONTENT_ENCODING)
                || headers.contains(SignatureFilter.TIMESTAMP_HEADER)
                || headers.contains(SignatureFilter.SIGNATURE_HEADER)) {
            return null;
        }
        String accept = headers.get(HttpHeaderNames.ACCEPT);
        if (accept != null && !accept.equals("*/*") && !accept.equals("application/json")) {
            return null;
        }
        String length = headers.get(HttpHeaderNames.CONTENT_LENGTH);
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > maxBodySize) {
                    return null;
                }
            } catch (NumberFormatException e) {
                return null;
            }
        }
        ApiKey key = authenticator.usableKey(headers.get(MessagesController.API_KEY_HEADER));
        return key != null && key.getRequireSignature() ? null : endpoint;
    }

    /** The answer to one request read whole; {@code body} null when it was over the limit. */
    CompletableFuture<FullHttpResponse> answer(SendEndpoint endpoint, HttpRequest request, byte[] body,
                                               Executor eventLoop) {
        String requestId = RequestIds.newId();
        served.increment();
        if (body == null) {
            return CompletableFuture.completedFuture(toNetty(responses.error(requestId,
                    BodyLimits.tooLarge(maxBodySize), null)));
        }
        io.netty.handler.codec.http.HttpHeaders headers = request.headers();
        SendCall call = new SendCall(headers.get(MessagesController.API_KEY_HEADER),
                headers.get(HttpHeaderNames.CONTENT_TYPE), body.length == 0 ? null : body,
                headers.get(IdempotencyKeys.HEADER), isSimulation(request), eventLoop);
        long started = System.nanoTime();
        return sends.send(endpoint, call)
                .thenApply(outcome -> toNetty(responses.send(requestId, outcome)))
                .exceptionally(failure -> internalError(requestId, failure))
                .thenApply(response -> {
                    metrics.record(endpoint, response.status().code(), System.nanoTime() - started);
                    return response;
                });
    }

    /** 500 for a failure nobody expected (a bug), logged with the request id, as the framework's handler does. */
    FullHttpResponse internalError(Throwable failure) {
        return internalError(RequestIds.newId(), failure);
    }

    private FullHttpResponse internalError(String requestId, Throwable failure) {
        LOG.error("Unexpected failure of request {}", requestId, failure);
        return toNetty(responses.error(requestId, ApiError.of(ErrorCode.INTERNAL_ERROR,
                "An unexpected error occurred"), null));
    }

    private static boolean isSimulation(HttpRequest request) {
        if ("true".equalsIgnoreCase(request.headers().get(MessagesController.SIMULATE_HEADER))) {
            return true;
        }
        String uri = request.uri();
        return uri.indexOf('?') >= 0 && new io.netty.handler.codec.http.QueryStringDecoder(uri).parameters()
                .getOrDefault("simulate", java.util.List.of()).stream().findFirst()
                .map("true"::equalsIgnoreCase).orElse(false);
    }

    private FullHttpResponse toNetty(MutableHttpResponse<?> response) {
        ByteBuf content;
        Object body = response.body();
        try {
            if (body == null) {
                content = Unpooled.EMPTY_BUFFER;
            } else if (body instanceof byte[] bytes) {
                content = Unpooled.wrappedBuffer(bytes);
            } else if (body instanceof CharSequence text) {
                content = Unpooled.wrappedBuffer(text.toString().getBytes(StandardCharsets.UTF_8));
            } else {
                content = Unpooled.wrappedBuffer(json.writeValueAsBytes(body));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        FullHttpResponse netty = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(response.code()), content);
        HttpHeaders headers = response.getHeaders();
        for (String name : headers.names()) {
            netty.headers().add(name, headers.getAll(name));
        }
        netty.headers().set(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
        netty.headers().set(HttpHeaderNames.DATE, HttpDates.now());
        return netty;
    }
}

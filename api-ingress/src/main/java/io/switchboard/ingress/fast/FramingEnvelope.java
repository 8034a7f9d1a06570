package io.switchboard.ingress.fast;

import io.micronaut.json.JsonMapper;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.switchboard.infrastructure.http.FramingAnswers;
import io.switchboard.infrastructure.http.FramingRejection;
import io.switchboard.ingress.http.Envelopes;
import io.switchboard.ingress.http.ErrorCode;
import io.switchboard.ingress.http.RequestIds;
import io.switchboard.ingress.support.IngressMetrics;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The API's error envelope, {@code X-Request-Id} included, for requests the HTTP framing guard refuses before any
 * route sees them (ambiguous framing 400 {@code MALFORMED_REQUEST}, slow clients 408 {@code REQUEST_TIMEOUT}, long
 * URLs 414 {@code URI_TOO_LONG}, large heads 431 {@code HEADERS_TOO_LARGE}, other versions than HTTP/1.x 505
 * {@code HTTP_VERSION_NOT_SUPPORTED}), with the code and status of {@link ErrorCode}; each is counted with the other
 * refusals.
 */
@Singleton
public class FramingEnvelope implements FramingAnswers {

    private final JsonMapper json;
    private final IngressMetrics metrics;

    FramingEnvelope(JsonMapper json, IngressMetrics metrics) {
        this.json = json;
        this.metrics = metrics;
    }

    @Override
    public FullHttpResponse answer(FramingRejection rejection) {
        String requestId = RequestIds.newId();
        ErrorCode code = ErrorCode.of(rejection.error());
        byte[] body;
        try {
            body = json.writeValueAsBytes(new Envelopes.ErrorEnvelope(false, new Envelopes.ErrorBody(
                    code.name(), rejection.message(), null, null), new Envelopes.Meta(requestId, null)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write an error envelope", e);
        }
        metrics.rejected(code.name());
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                new HttpResponseStatus(code.status().getCode(), rejection.error().reasonPhrase()),
                Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        response.headers().set(RequestIds.HEADER, requestId);
        return response;
    }
}

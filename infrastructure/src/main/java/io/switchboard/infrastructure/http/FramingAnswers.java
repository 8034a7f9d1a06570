package io.switchboard.infrastructure.http;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/**
 * The answer a service gives to a request refused for its framing or slowness, in the service's own error envelope.
 * The guard adds {@code Connection: close} and {@code Content-Length}.
 */
@FunctionalInterface
public interface FramingAnswers {

    /** {@code {"code": "...", "message": "..."}}: the error body of the internal services. */
    FramingAnswers CODE_AND_MESSAGE = rejection -> json(rejection,
            "{\"code\":" + quote(rejection.error().name()) + ",\"message\":" + quote(rejection.message()) + "}");

    FullHttpResponse answer(FramingRejection rejection);

    /** A response with the rejection's status and this JSON text as its body. */
    static FullHttpResponse json(FramingRejection rejection, String json) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                new HttpResponseStatus(rejection.status(), rejection.error().reasonPhrase()),
                Unpooled.wrappedBuffer(json.getBytes(StandardCharsets.UTF_8)));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        return response;
    }

    /** A JSON string literal of {@code text}. */
    static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}

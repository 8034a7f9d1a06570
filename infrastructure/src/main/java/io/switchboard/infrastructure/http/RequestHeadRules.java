package io.switchboard.infrastructure.http;

import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.InvalidLineSeparatorException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.util.Iterator;

/**
 * The rules of RFC 9112 a decoded request head must meet before it reaches the application, where the RFC allows a
 * choice always the strict one (an ambiguity is how a request is smuggled past a proxy): Transfer-Encoding, if sent,
 * is sent once and is exactly {@code chunked}, never together with Content-Length and never in HTTP/1.0; an HTTP/1.1
 * request names exactly one Host; only HTTP/1.0 and 1.1 are spoken. Failures Netty's decoder already found (lines
 * too long, bare LF, bad or repeated Content-Length, whitespace before a colon, a broken chunk) map to their answers
 * here too. One pass over a handful of headers per request head.
 */
final class RequestHeadRules {

    private static final int QUOTED_LIMIT = 160;

    private RequestHeadRules() {
    }

    /** The rejection of this head, or null when it may pass. */
    static FramingRejection check(HttpRequest request, HttpLimits limits) {
        DecoderResult result = request.decoderResult();
        if (result.isFailure()) {
            return forFailure(result.cause(), false, limits);
        }
        HttpVersion version = request.protocolVersion();
        if (version.majorVersion() != 1 || version.minorVersion() > 1) {
            return new FramingRejection(FramingError.HTTP_VERSION_NOT_SUPPORTED,
                    "Only HTTP/1.1 and HTTP/1.0 are spoken here, not " + version.text());
        }
        HttpHeaders headers = request.headers();
        if (headers.contains(HttpHeaderNames.TRANSFER_ENCODING)) {
            Iterator<String> codings = headers.valueStringIterator(HttpHeaderNames.TRANSFER_ENCODING);
            String coding = codings.next();
            if (codings.hasNext()) {
                return FramingRejection.malformed("Transfer-Encoding must be sent once");
            }
            if (!HttpHeaderValues.CHUNKED.contentEqualsIgnoreCase(coding)) {
                return FramingRejection.malformed("Transfer-Encoding must be exactly \"chunked\" (no other transfer "
                        + "coding is accepted), not \"" + quoted(coding) + "\"");
            }
            if (headers.contains(HttpHeaderNames.CONTENT_LENGTH)) {
                return bothLengths();
            }
            if (version.minorVersion() == 0) {
                return FramingRejection.malformed("An HTTP/1.0 request cannot use Transfer-Encoding; send "
                        + "Content-Length, or use HTTP/1.1");
            }
        }
        if (version.minorVersion() == 1) {
            Iterator<String> hosts = headers.valueStringIterator(HttpHeaderNames.HOST);
            if (!hosts.hasNext()) {
                return FramingRejection.malformed("An HTTP/1.1 request must carry a Host header");
            }
            hosts.next();
            if (hosts.hasNext()) {
                return FramingRejection.malformed("Host must be sent once");
            }
        }
        return null;
    }

    static FramingRejection bothLengths() {
        return FramingRejection.malformed("A request must not carry both Content-Length and Transfer-Encoding; "
                + "send one of them");
    }

    /** The answer to what Netty's decoder could not read: in the head ({@code inBody} false) or in a chunked body. */
    static FramingRejection forFailure(Throwable cause, boolean inBody, HttpLimits limits) {
        if (cause instanceof FramingViolation) {
            return FramingRejection.malformed(cause.getMessage());
        }
        if (inBody) {
            return FramingRejection.malformed("The chunked body is malformed (" + quoted(cause.getMessage())
                    + "); each chunk is its size in hex, CRLF, that many bytes, CRLF, and a last chunk of size 0");
        }
        if (cause instanceof TooLongHttpLineException) {
            return new FramingRejection(FramingError.URI_TOO_LONG, "The request line is longer than "
                    + limits.maxInitialLineLength() + " bytes; shorten the URL");
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return new FramingRejection(FramingError.HEADERS_TOO_LARGE, "The request headers are larger than "
                    + limits.maxHeaderSize() + " bytes in all");
        }
        if (cause instanceof InvalidLineSeparatorException) {
            return FramingRejection.malformed("Every line of the request head must end with CRLF; a bare LF is not "
                    + "accepted");
        }
        return FramingRejection.malformed("The request head is malformed: " + quoted(cause.getMessage()));
    }

    /** A short, printable excerpt of what the client sent, for an error message. */
    static String quoted(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), QUOTED_LIMIT));
        for (int i = 0; i < text.length() && out.length() < QUOTED_LIMIT; i++) {
            char c = text.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return text.length() > QUOTED_LIMIT ? out + "..." : out.toString();
    }
}

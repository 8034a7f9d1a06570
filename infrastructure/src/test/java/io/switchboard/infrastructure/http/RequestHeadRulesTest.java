package io.switchboard.infrastructure.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import org.junit.jupiter.api.Test;

class RequestHeadRulesTest {

    private static final HttpLimits LIMITS = HttpLimits.defaults();

    private static HttpRequest request(HttpVersion version, String... headers) {
        HttpRequest request = new DefaultHttpRequest(version, HttpMethod.POST, "/x");
        for (int i = 0; i < headers.length; i += 2) {
            request.headers().add(headers[i], headers[i + 1]);
        }
        return request;
    }

    private static FramingRejection check(HttpRequest request) {
        return RequestHeadRules.check(request, LIMITS);
    }

    @Test
    void anOrdinaryHeadPasses() {
        assertThat(check(request(HttpVersion.HTTP_1_1, "Host", "h", "Content-Length", "3"))).isNull();
        assertThat(check(request(HttpVersion.HTTP_1_1, "Host", "h", "Transfer-Encoding", "chunked"))).isNull();
        assertThat(check(request(HttpVersion.HTTP_1_1, "Host", "h", "Transfer-Encoding", "Chunked")))
                .as("transfer-coding names are case-insensitive").isNull();
        assertThat(check(request(HttpVersion.HTTP_1_0, "Content-Length", "3"))).as("HTTP/1.0 without Host").isNull();
    }

    @Test
    void transferEncodingMustBeExactlyChunkedAndSentOnce() {
        assertThat(check(request(HttpVersion.HTTP_1_1, "Host", "h", "Transfer-Encoding", "chunked, identity"))
                .message()).contains("exactly \"chunked\"");
        assertThat(check(request(HttpVersion.HTTP_1_1, "Host", "h", "Transfer-Encoding", "gzip, chunked")))
                .isNotNull();
        assertThat(check(request(HttpVersion.HTTP_1_1, "Host", "h", "Transfer-Encoding", "identity"))).isNotNull();
        assertThat(check(request(HttpVersion.HTTP_1_1, "Host", "h", "Transfer-Encoding", "chunked",
                "Transfer-Encoding", "chunked")).message()).contains("once");
    }

    @Test
    void transferEncodingWithContentLengthOrInHttp10IsRefused() {
        assertThat(check(request(HttpVersion.HTTP_1_0, "Transfer-Encoding", "chunked", "Content-Length", "3"))
                .message()).contains("both Content-Length and Transfer-Encoding");
        assertThat(check(request(HttpVersion.HTTP_1_0, "Transfer-Encoding", "chunked")).message())
                .contains("HTTP/1.0");
    }

    @Test
    void anHttp11RequestNamesExactlyOneHost() {
        assertThat(check(request(HttpVersion.HTTP_1_1)).message()).contains("Host");
        assertThat(check(request(HttpVersion.HTTP_1_1, "Host", "a", "Host", "b")).message()).contains("once");
    }

    @Test
    void otherVersionsAre505() {
        assertThat(check(request(HttpVersion.valueOf("HTTP/1.2"), "Host", "h")).error())
                .isEqualTo(FramingError.HTTP_VERSION_NOT_SUPPORTED);
    }

    @Test
    void decoderFailuresMapToTheirStatuses() {
        HttpRequest longLine = request(HttpVersion.HTTP_1_1);
        longLine.setDecoderResult(DecoderResult.failure(new TooLongHttpLineException("too long")));
        HttpRequest bigHead = request(HttpVersion.HTTP_1_1);
        bigHead.setDecoderResult(DecoderResult.failure(new TooLongHttpHeaderException("too big")));
        HttpRequest other = request(HttpVersion.HTTP_1_1);
        other.setDecoderResult(DecoderResult.failure(new IllegalArgumentException("Multiple Content-Length\r\n")));

        assertThat(check(longLine).status()).isEqualTo(414);
        assertThat(check(longLine).message()).contains("4096");
        assertThat(check(bigHead).status()).isEqualTo(431);
        assertThat(check(other).status()).isEqualTo(400);
        assertThat(check(other).message()).contains("Multiple Content-Length").doesNotContain("\r");
        assertThat(RequestHeadRules.forFailure(new NumberFormatException("Invalid character in chunk size"), true,
                LIMITS).message()).contains("chunked body is malformed");
    }

    @Test
    void quotedTextIsShortAndPrintable() {
        assertThat(RequestHeadRules.quoted("a\u0000b" + "x".repeat(500))).startsWith("a?b").hasSize(163);
    }
}

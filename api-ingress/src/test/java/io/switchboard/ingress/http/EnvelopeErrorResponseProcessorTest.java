package io.switchboard.ingress.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnvelopeErrorResponseProcessorTest {

    @ParameterizedTest
    @CsvSource({"400,VALIDATION_ERROR", "401,INVALID_API_KEY", "403,PERMISSION_DENIED", "404,NOT_FOUND",
            "405,METHOD_NOT_ALLOWED", "406,NOT_ACCEPTABLE", "413,PAYLOAD_TOO_LARGE", "415,UNSUPPORTED_MEDIA_TYPE",
            "418,VALIDATION_ERROR", "500,INTERNAL_ERROR", "502,INTERNAL_ERROR", "503,SERVICE_UNAVAILABLE"})
    void everyFrameworkStatusGetsAnApiCode(int status, ErrorCode code) {
        ApiError error = EnvelopeErrorResponseProcessor.errorFor(status, HttpRequest.GET("/x"));

        assertThat(error.code()).isEqualTo(code);
        assertThat(error.code().status().getCode()).isIn(status, 400, 500);
    }

    @Test
    void longPathsAreNotEchoedWhole() {
        ApiError error = EnvelopeErrorResponseProcessor.errorFor(404, HttpRequest.GET("/" + "a".repeat(5000)));

        assertThat(error.message()).hasSizeLessThan(300);
    }
}

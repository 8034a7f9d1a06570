package io.switchboard.ingress.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.infrastructure.http.FramingError;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link ErrorCode} lists every code the ingress answers, the refusals of the HTTP framing guard (which answer before
 * any route) included: each framing error has its public code of the same name and status.
 */
class ErrorCodeTest {

    @ParameterizedTest
    @EnumSource(FramingError.class)
    void everyFramingRefusalHasItsPublicCodeWithItsStatus(FramingError error) {
        ErrorCode code = ErrorCode.of(error);

        assertThat(code.name()).isEqualTo(error.name());
        assertThat(code.status().getCode()).isEqualTo(error.status());
    }
}

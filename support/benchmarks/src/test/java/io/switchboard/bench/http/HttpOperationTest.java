package io.switchboard.bench.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HttpOperationTest {

    @Test
    void theErrorBreakdownNamesTheApiErrorCodeOnly() {
        assertThat(HttpOperation.errorCode("{\"success\":false,\"error\":{\"code\":\"RATE_LIMIT_EXCEEDED\","
                + "\"message\":\"...+919876543210...\"}}")).isEqualTo(" RATE_LIMIT_EXCEEDED");
        assertThat(HttpOperation.errorCode("oops")).isEmpty();
        assertThat(HttpOperation.errorCode(null)).isEmpty();
    }
}

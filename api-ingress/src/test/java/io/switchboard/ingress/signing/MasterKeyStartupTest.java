package io.switchboard.ingress.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.micronaut.context.ApplicationContext;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A malformed master key stops the service at start, and the error never shows the configured value. */
class MasterKeyStartupTest {

    @Test
    void aMasterKeyThatIsNot32BytesStopsTheContextWithoutShowingIt() {
        String sixteenBytes = Base64.getEncoder().encodeToString("0123456789abcdef".getBytes());

        Throwable failure = catchThrowable(() -> ApplicationContext.run(Map.of(
                "switchboard.ingress.master-key", sixteenBytes,
                "kafka.bootstrap.servers", "127.0.0.1:1",
                "switchboard.schema-registry.url", "http://127.0.0.1:1")).close());

        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString()).contains("switchboard.ingress.master-key must be the base64 of 32 bytes, not 16")
                .doesNotContain(sixteenBytes);
    }
}

package io.switchboard.ingress.fast;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.ingress.support.IngressApp;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code switchboard.ingress.fast-path.enabled: false}: the hot routes are served by the framework alone. */
class FastSendPathOffTest {

    private static IngressApp app;

    @BeforeAll
    static void start() {
        app = IngressApp.start(Map.of("switchboard.ingress.fast-path.enabled", false));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void switchedOffTheSendsStillWorkWithoutTheFastPath() {
        String body = "{\"to\":\"+919876543210\",\"message\":\"Hello\"}";
        assertThat(app.postText(app.apiKey(), body).statusCode()).isEqualTo(202);
        assertThat(app.context().getBean(FastSends.class).served()).isZero();
        assertThat(app.context().findBean(FastSendPipeline.class)).isEmpty();
    }
}

package io.switchboard.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WebhookConfigTest {

    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

    @Test
    void refusesToStartWithoutAnAppSecret() {
        assertThatThrownBy(() -> new WebhookConfig(null, "token", TEN_SECONDS))
                .hasMessage("switchboard.webhook.app-secret must be set (the Meta app secret)");
        assertThatThrownBy(() -> new WebhookConfig("  ", "token", TEN_SECONDS))
                .hasMessageContaining("app-secret");
    }

    @Test
    void refusesToStartWithoutAVerifyToken() {
        assertThatThrownBy(() -> new WebhookConfig("secret", "", TEN_SECONDS))
                .hasMessage("switchboard.webhook.verify-token must be set");
    }

    @Test
    void refusesANonPositivePublishTimeout() {
        assertThatThrownBy(() -> new WebhookConfig("secret", "token", Duration.ZERO))
                .hasMessageContaining("publish-timeout");
    }

    @Test
    void neverPrintsItsSecrets() {
        String printed = new WebhookConfig("app-secret-value", "verify-token-value", TEN_SECONDS).toString();

        assertThat(printed).doesNotContain("app-secret-value", "verify-token-value").contains("PT10S");
    }
}

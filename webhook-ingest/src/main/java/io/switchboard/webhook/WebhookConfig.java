package io.switchboard.webhook;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import io.switchboard.schemas.Redaction;
import java.time.Duration;

/**
 * The webhook endpoint's settings. The app secret and the verify token are required and have no default: a receiver
 * that cannot check signatures must not start. Neither ever reaches a log line ({@link #toString()} masks them).
 *
 * @param appSecret the Meta app secret that keys the HMAC-SHA256 of {@code X-Hub-Signature-256}
 * @param verifyToken the token Meta echoes in the GET verification handshake
 * @param publishTimeout how long a POST waits for Kafka to acknowledge all its records before answering 503
 */
@ConfigurationProperties(WebhookConfig.PREFIX)
public record WebhookConfig(
        @Nullable String appSecret,
        @Nullable String verifyToken,
        @Bindable(defaultValue = "10s") Duration publishTimeout) {

    public static final String PREFIX = "switchboard.webhook";

    public WebhookConfig {
        if (appSecret == null || appSecret.isBlank()) {
            throw new IllegalStateException(PREFIX + ".app-secret must be set (the Meta app secret)");
        }
        if (verifyToken == null || verifyToken.isBlank()) {
            throw new IllegalStateException(PREFIX + ".verify-token must be set");
        }
        if (publishTimeout == null || publishTimeout.isNegative() || publishTimeout.isZero()) {
            throw new IllegalStateException(PREFIX + ".publish-timeout must be positive");
        }
    }

    @Override
    public String toString() {
        return "WebhookConfig[appSecret=" + Redaction.secret(appSecret) + ", verifyToken="
                + Redaction.secret(verifyToken) + ", publishTimeout=" + publishTimeout + "]";
    }
}

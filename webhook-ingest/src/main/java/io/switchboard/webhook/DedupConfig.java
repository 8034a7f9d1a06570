package io.switchboard.webhook;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Settings of the redelivery filter ({@link WebhookDeduplicator}). The TTL defaults to 7 days because Meta redelivers
 * an unacknowledged webhook for up to 7 days: a key that lived shorter would let a late redelivery through.
 *
 * @param dedupEnabled whether inbound messages and statuses already published are dropped (Redis is not used when off)
 * @param dedupTtl how long a published message id or (wamid, status) is remembered
 * @param dedupTimeout the longest a POST waits for Redis before publishing without deduplication
 */
@ConfigurationProperties(DedupConfig.PREFIX)
public record DedupConfig(
        @Bindable(defaultValue = "true") boolean dedupEnabled,
        @Bindable(defaultValue = "7d") Duration dedupTtl,
        @Bindable(defaultValue = "500ms") Duration dedupTimeout) {

    public static final String PREFIX = "switchboard.webhook";

    public DedupConfig {
        if (dedupTtl == null || dedupTtl.toMillis() <= 0) {
            throw new IllegalStateException(PREFIX + ".dedup-ttl must be positive");
        }
        if (dedupTimeout == null || dedupTimeout.toMillis() <= 0) {
            throw new IllegalStateException(PREFIX + ".dedup-timeout must be positive");
        }
    }
}

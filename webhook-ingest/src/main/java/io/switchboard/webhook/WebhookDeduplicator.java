package io.switchboard.webhook;

import io.switchboard.webhook.DedupKeys.Filtered;
import io.switchboard.webhook.DedupKeys.Verdict;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops inbound messages and statuses that were already published, because Meta delivers webhooks at least once and
 * redelivers for days.
 *
 * <p>Rule: before publishing, one Redis call claims every key of the POST ({@link DedupKeys}) with a short TTL
 * (3 x the publish timeout). A record whose key was already {@code seen}, or listed earlier in the same body, is
 * dropped; a record whose key another request is still publishing is published as well (that request may fail).
 * Only after Kafka acknowledged the records do their keys become {@code seen} for the dedup TTL; if publishing
 * fails the claims are released, so Meta's redelivery is published. A crash between publish and confirmation leaves
 * an unconfirmed claim that simply expires: a later redelivery then passes again, a harmless duplicate.
 *
 * <p>If Redis does not answer within the dedup timeout the POST is published without deduplication (never refused:
 * Meta would redeliver it for days and nothing would be timely), counted and logged.
 */
@Singleton
public final class WebhookDeduplicator {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookDeduplicator.class);

    private final RedisDedupStore store;
    private final WebhookMetrics metrics;
    private final DedupConfig config;
    private final Duration claimTtl;

    WebhookDeduplicator(RedisDedupStore store, WebhookMetrics metrics, DedupConfig config, WebhookConfig webhook) {
        this.store = store;
        this.metrics = metrics;
        this.config = config;
        this.claimTtl = webhook.publishTimeout().multipliedBy(3);
    }

    /** What of {@code parsed} to publish; never fails (without Redis everything is published). */
    public CompletableFuture<Filtered> filter(ParsedWebhook parsed, String requestId) {
        List<String> keys = DedupKeys.of(parsed);
        if (!config.dedupEnabled() || keys.isEmpty()) {
            return CompletableFuture.completedFuture(new Filtered(parsed, List.of(), 0, 0));
        }
        return store.claim(keys, requestId, claimTtl)
                .orTimeout(config.dedupTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .thenApply(answers -> {
                    Filtered filtered = DedupKeys.filter(parsed, answers.stream().map(WebhookDeduplicator::verdict)
                            .toList());
                    metrics.duplicatesDropped(filtered.duplicateStatuses(), filtered.duplicateMessages());
                    if (filtered.duplicateStatuses() + filtered.duplicateMessages() > 0) {
                        LOG.info("Webhook {}: dropped {} duplicate status(es) and {} duplicate message(s)", requestId,
                                filtered.duplicateStatuses(), filtered.duplicateMessages());
                    }
                    return filtered;
                })
                .exceptionally(error -> {
                    metrics.dedupUnavailable();
                    LOG.warn("Webhook {}: Redis unavailable, publishing {} record(s) without deduplication: {}",
                            requestId, keys.size(), WebhookPublisher.unwrap(error).toString());
                    return new Filtered(parsed, List.of(), 0, 0);
                });
    }

    /** After publishing: confirms this request's claims once Kafka acknowledged them, releases them otherwise. */
    public void settle(Filtered filtered, String requestId, boolean published) {
        if (filtered.claimed().isEmpty()) {
            return;
        }
        CompletableFuture<Long> done = published
                ? store.confirm(filtered.claimed(), config.dedupTtl())
                : store.release(filtered.claimed(), requestId);
        done.whenComplete((count, error) -> {
            if (error != null) {
                // Unconfirmed or unreleased claims expire after the claim TTL: at worst one duplicate passes later.
                LOG.warn("Webhook {}: could not {} {} dedup key(s): {}", requestId,
                        published ? "confirm" : "release", filtered.claimed().size(),
                        WebhookPublisher.unwrap(error).toString());
            }
        });
    }

    private static Verdict verdict(Long answer) {
        return switch (answer.intValue()) {
            case 1 -> Verdict.CLAIMED;
            case 0 -> Verdict.DUPLICATE;
            default -> Verdict.IN_FLIGHT;
        };
    }
}

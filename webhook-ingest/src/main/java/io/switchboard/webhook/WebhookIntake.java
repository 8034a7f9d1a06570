package io.switchboard.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.schemas.Redaction;
import io.switchboard.schemas.avro.InboundMessage;
import io.switchboard.schemas.avro.WebhookPayload;
import io.switchboard.webhook.WebhookMetrics.Rejection;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook POST pipeline: signature, archive, parse, publish.
 *
 * <p>Rules, in order: the signature is checked before anything else, and a body that fails it is neither parsed nor
 * published. Every verified body is archived on webhook-payloads, including one that is not JSON (answered 400 once
 * archived, since no redelivery of it can succeed), and including redeliveries. Statuses and messages already
 * published are dropped ({@link WebhookDeduplicator}); the others are published with the archive, and the
 * answer is {@link Outcome#ACCEPTED} only once Kafka has acknowledged all of them; otherwise
 * {@link Outcome#UNAVAILABLE}, so Meta redelivers the whole body.
 */
@Singleton
public final class WebhookIntake {

    /** How a POST ended, mapped to an HTTP status by the controller. */
    public enum Outcome { ACCEPTED, BAD_SIGNATURE, MALFORMED, UNAVAILABLE }

    /**
     * @param outcome how the POST ended
     * @param requestId the id of its archived body, null when the signature failed
     * @param detail a reason fit for the response body (no personal data)
     */
    public record Result(Outcome outcome, String requestId, String detail) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(WebhookIntake.class);

    private final SignatureVerifier signatures;
    private final WebhookParser parser = new WebhookParser();
    private final WebhookPublisher publisher;
    private final WebhookDeduplicator dedup;
    private final WebhookMetrics metrics;
    private final Clock clock = Clock.systemUTC();

    WebhookIntake(WebhookConfig config, WebhookPublisher publisher, WebhookDeduplicator dedup,
            WebhookMetrics metrics) {
        this.signatures = new SignatureVerifier(config.appSecret());
        this.publisher = publisher;
        this.dedup = dedup;
        this.metrics = metrics;
    }

    /** Verifies, parses and publishes one POST body; the future never fails, it ends in a {@link Result}. */
    public CompletableFuture<Result> receive(byte[] body, String signature) {
        metrics.received();
        byte[] bytes = body == null ? new byte[0] : body;
        if (!signatures.verify(bytes, signature)) {
            metrics.rejected(Rejection.SIGNATURE);
            LOG.warn("Webhook refused: {} signature on a {}-byte body", signature == null ? "missing" : "invalid",
                    bytes.length);
            return CompletableFuture.completedFuture(new Result(Outcome.BAD_SIGNATURE, null,
                    SignatureVerifier.HEADER + " is missing or does not match the body"));
        }
        Instant receivedAt = clock.instant();
        String requestId = UUID.randomUUID().toString();
        WebhookPayload archive = new WebhookPayload(requestId, receivedAt, new String(bytes, StandardCharsets.UTF_8));
        ParsedWebhook parsed;
        Result success;
        try {
            JsonNode root = parser.read(bytes);
            parsed = parser.parse(root, receivedAt);
            success = new Result(Outcome.ACCEPTED, requestId, null);
        } catch (MalformedWebhookException e) {
            metrics.rejected(Rejection.MALFORMED);
            LOG.warn("Webhook {} is signed but malformed: {}", requestId, e.getMessage());
            parsed = ParsedWebhook.nothing("malformed body");
            success = new Result(Outcome.MALFORMED, requestId, e.getMessage());
        }
        describe(requestId, parsed);
        Result answer = success;
        int records = 1 + parsed.statuses().size() + parsed.messages().size();
        return dedup.filter(parsed, requestId).thenCompose(filtered -> publisher.publish(archive, filtered.publish())
                .whenComplete((ok, error) -> dedup.settle(filtered, requestId, error == null))).handle((ok, error) -> {
            if (error == null) {
                return answer;
            }
            Throwable cause = WebhookPublisher.unwrap(error);
            LOG.warn("Webhook {} not stored ({} records), answering 503 so Meta redelivers: {}", requestId,
                    records, cause.toString());
            return new Result(Outcome.UNAVAILABLE, requestId, "could not store the webhook, retry later");
        });
    }

    private static void describe(String requestId, ParsedWebhook parsed) {
        if (parsed.statuses().isEmpty() && parsed.messages().isEmpty()) {
            // Rare (template, account and quality updates, other objects): worth a line each, body is archived.
            LOG.info("Webhook {} acknowledged without records: {}", requestId, parsed.skipped());
            return;
        }
        if (!LOG.isDebugEnabled()) {
            return;
        }
        LOG.debug("Webhook {}: {} status(es), {} message(s), skipped {}", requestId, parsed.statuses().size(),
                parsed.messages().size(), parsed.skipped());
        for (InboundMessage message : parsed.messages()) {
            LOG.debug("Webhook {}: {} message from {} to number {}", requestId, message.getType(),
                    Redaction.phone(message.getFrom()), message.getPhoneNumberId());
        }
    }
}

package io.switchboard.simulator;

import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Plays a sent message's {@link StatusPlan} as webhooks: the first status {@code status-delay} after the send was
 * accepted, each next one {@code status-delay} after the previous status's first delivery attempt finished. Waiting
 * for that attempt keeps a healthy receiver seeing sent, delivered, read in order even when a post is slower than
 * the delay; a failed post is redelivered later by {@link WebhookDeliverer} while the plan goes on, so a receiver
 * that errors sees statuses out of order, as it would from Meta. Each status carries the time it happened, and a
 * redelivery repeats it unchanged. Statuses go out one per POST or batched per business number ({@link StatusBatcher}).
 * Webhook faults ({@link WebhookFaults}) bend the plan and add
 * {@code delay_ms} to every gap.
 */
@Singleton
public class StatusWebhooks {

    private static final Logger LOG = LoggerFactory.getLogger(StatusWebhooks.class);

    private final WebhookPayloads payloads;
    private final WebhookDeliverer deliverer;
    private final StatusBatcher batcher;
    private final ScheduledExecutorService scheduler;
    private final Duration delay;
    private final boolean read;

    public StatusWebhooks(SimulatorConfig config, WebhookPayloads payloads, WebhookDeliverer deliverer,
                          StatusBatcher batcher, @Named(SimulatorScheduler.NAME) ScheduledExecutorService scheduler) {
        this.payloads = payloads;
        this.deliverer = deliverer;
        this.batcher = batcher;
        this.scheduler = scheduler;
        this.delay = config.getStatusDelay();
        this.read = config.isRead();
    }

    /** Starts the message's statuses; returns at once. Does nothing when no webhook URL is configured. */
    public void start(SentMessage message) {
        start(message, ActiveFaults.StatusFaults.NONE);
    }

    /** Starts the message's statuses as the drawn webhook {@code faults} bend them (see {@link StatusPlan#of}). */
    public void start(SentMessage message, ActiveFaults.StatusFaults faults) {
        if (!deliverer.enabled()) {
            return;
        }
        scheduleStep(message, StatusPlan.of(message, read, faults), 0, faults.extraDelayMillis());
    }

    /** Sends the message's only status, {@code failed} carrying {@code failure}, after {@code status-delay}. */
    public void fail(SentMessage message, GraphError failure) {
        if (!deliverer.enabled()) {
            return;
        }
        scheduleStep(message, StatusPlan.failed(failure), 0, 0);
    }

    private void scheduleStep(SentMessage message, StatusPlan plan, int index, long extraDelayMillis) {
        if (index >= plan.statuses().size()) {
            return;
        }
        try {
            scheduler.schedule(() -> runStep(message, plan, index, extraDelayMillis),
                    delay.toMillis() + extraDelayMillis, TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            // Refused only while shutting down: the remaining statuses are simply never sent.
            LOG.debug("Statuses of {} abandoned: {}", message.wamid(), e.toString());
        }
    }

    private void runStep(SentMessage message, StatusPlan plan, int index, long extraDelayMillis) {
        String status = plan.statuses().get(index);
        try {
            Instant at = Instant.now();
            GraphError failure = StatusPlan.FAILED.equals(status) ? plan.failure() : null;
            String what = status + " for " + message.wamid() + " to " + Identifiers.maskPhone(message.to());
            // Alone or in its number's next batch (StatusBatcher). A duplicate is the status posted alone once more:
            // unbatched, the very same bytes and signature again, as a redelivery by Meta would be.
            batcher.post(message.phoneNumberId(), payloads.statusEntry(message, status, at, failure), what)
                    .thenCompose(ok -> {
                        if (index != plan.duplicated()) {
                            return CompletableFuture.completedFuture(ok);
                        }
                        return deliverer.deliver(payloads.status(message, status, at, failure), what + " (duplicate)");
                    })
                    .whenComplete((ok, error) -> scheduleStep(message, plan, index + 1, extraDelayMillis));
        } catch (RuntimeException e) {
            LOG.warn("Status {} for {} not sent: {}", status, message.wamid(), e.toString());
            scheduleStep(message, plan, index + 1, extraDelayMillis);
        }
    }
}

package io.switchboard.simulator;

import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Posts status webhooks one per POST ({@code status-batch-size} 1, the default) or, as WhatsApp does under load,
 * several in one POST: the statuses of one business number are gathered for at most {@code status-batch-wait} after
 * the first, or until {@code status-batch-size} are waiting, then posted as one notification whose single change
 * carries them all in {@code statuses[]}. Each caller's future completes when its POST's first attempt finished
 * (delivered or not), so the status plans go on exactly as with single posts; a failed batch is redelivered whole,
 * the same bytes and signature, by {@link WebhookDeliverer}.
 */
@Singleton
public class StatusBatcher {

    private static final Logger LOG = LoggerFactory.getLogger(StatusBatcher.class);

    /** One status waiting for its batch's POST. */
    private record Pending(WebhookPayloads.Status status, CompletableFuture<Boolean> posted) {
    }

    private final WebhookPayloads payloads;
    private final WebhookDeliverer deliverer;
    private final ScheduledExecutorService scheduler;
    private final int maxSize;
    private final Duration maxWait;
    private final PendingBatches<Pending> batches;

    public StatusBatcher(SimulatorConfig config, WebhookPayloads payloads, WebhookDeliverer deliverer,
                         @Named(SimulatorScheduler.NAME) ScheduledExecutorService scheduler) {
        this.payloads = payloads;
        this.deliverer = deliverer;
        this.scheduler = scheduler;
        this.maxSize = Math.max(1, config.getStatusBatchSize());
        this.maxWait = config.getStatusBatchWait();
        this.batches = new PendingBatches<>(maxSize);
    }

    /**
     * Posts {@code status} of business number {@code phoneNumberId} alone or in its number's next batch; completes
     * with whether that POST's first attempt was received. {@code what} names it in logs (no unmasked phone number).
     */
    public CompletableFuture<Boolean> post(String phoneNumberId, WebhookPayloads.Status status, String what) {
        if (maxSize == 1) {
            return deliverer.deliver(payloads.statuses(phoneNumberId, List.of(status)), what);
        }
        Pending pending = new Pending(status, new CompletableFuture<>());
        PendingBatches.Added<Pending> added = batches.add(phoneNumberId, pending);
        if (added.full() != null) {
            send(phoneNumberId, added.full());
        } else if (added.startTimer()) {
            List<Pending> batch = added.batch();
            try {
                scheduler.schedule(() -> {
                    List<Pending> due = batches.take(phoneNumberId, batch);
                    if (due != null) {
                        send(phoneNumberId, due);
                    }
                }, maxWait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RuntimeException e) {
                // Refused only while shutting down: post what waits now rather than never.
                List<Pending> due = batches.take(phoneNumberId, batch);
                if (due != null) {
                    send(phoneNumberId, due);
                }
            }
        }
        return pending.posted();
    }

    private void send(String phoneNumberId, List<Pending> batch) {
        try {
            byte[] body = payloads.statuses(phoneNumberId, batch.stream().map(Pending::status).toList());
            String what = batch.size() + " statuses for number " + phoneNumberId;
            deliverer.deliver(body, what).whenComplete((ok, error) ->
                    batch.forEach(p -> p.posted().complete(error == null && Boolean.TRUE.equals(ok))));
        } catch (RuntimeException e) {
            LOG.warn("A batch of {} statuses was not posted: {}", batch.size(), e.toString());
            batch.forEach(p -> p.posted().complete(false));
        }
    }
}

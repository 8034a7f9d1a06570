package io.switchboard.dispatcher;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a sent marker ({@link SentMarkers}) before the outcome event that depends on it, asking Redis again every
 * {@code redis-retry-interval} while it does not answer. Once the record's partition is being released it stops
 * trying: the next owner finds no marker and may send again, which is counted as a possible duplicate
 * ({@code marker_not_recorded}).
 */
final class MarkerWriter {

    private static final Logger LOG = LoggerFactory.getLogger(MarkerWriter.class);

    private final SentMarkers markers;
    private final DispatcherMetrics metrics;
    private final ScheduledExecutorService timers;
    private final Duration retry;

    MarkerWriter(SentMarkers markers, DispatcherMetrics metrics, ScheduledExecutorService timers, Duration retry) {
        this.markers = markers;
        this.metrics = metrics;
        this.timers = timers;
        this.retry = retry;
    }

    /** Completes once Redis holds {@code value} for {@code messageId}. */
    CompletableFuture<Void> record(String messageId, String value, Ownership ownership) {
        CompletableFuture<Void> marked = new CompletableFuture<>();
        attempt(messageId, value, ownership, marked);
        return marked;
    }

    private void attempt(String messageId, String value, Ownership ownership, CompletableFuture<Void> marked) {
        markers.record(messageId, value).whenComplete((ok, failure) -> {
            if (failure == null) {
                marked.complete(null);
            } else if (!ownership.mayStart()) {
                metrics.possibleDuplicate("marker_not_recorded");
                marked.completeExceptionally(new DeliveryAbandonedException(messageId));
            } else {
                LOG.warn("Could not record the sent marker of message {} ({}); retrying", messageId,
                        failure.toString());
                try {
                    timers.schedule(() -> attempt(messageId, value, ownership, marked), retry.toNanos(),
                            TimeUnit.NANOSECONDS);
                } catch (RejectedExecutionException e) {
                    marked.completeExceptionally(new DeliveryAbandonedException(messageId));
                }
            }
        });
    }
}

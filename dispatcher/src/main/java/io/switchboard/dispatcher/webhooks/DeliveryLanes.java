package io.switchboard.dispatcher.webhooks;

import io.switchboard.dispatcher.PartitionOffsets;
import io.switchboard.schemas.avro.AccountStatus;
import io.switchboard.schemas.avro.WebhookDelivery;
import io.switchboard.schemas.avro.WebhookEndpoint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery rules. Events wait in lanes, one per (endpoint, order key): only a lane's head is ever attempted, so
 * an endpoint receives one message's events in order. Fresh events (hot lanes, from {@code webhook-deliveries}) are
 * attempted at once; one that fails, or arrives while its endpoint is failing or has {@code max-queued-per-endpoint}
 * events waiting for a connection, is parked on {@code webhook-retries} and leaves the hot path, and every later
 * event of its lane is parked behind it while the lane has anything parked. Parked events (retry lanes) are attempted
 * on the {@link RetrySchedule} and given up after its last step. At most {@code max-concurrency-per-endpoint} calls
 * run per endpoint; no lane ever waits for another endpoint. A record's offset is finished only once it was
 * delivered, given up, dropped, or parked with Kafka's acknowledgement. All state is guarded by this object's lock;
 * HTTP calls and Kafka writes run outside it.
 */
final class DeliveryLanes {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryLanes.class);

    private final Map<String, ArrayDeque<LaneItem>> hot = new HashMap<>();
    private final Map<String, ArrayDeque<LaneItem>> retry = new HashMap<>();
    private final ParkedLanes parking = new ParkedLanes();
    private final Map<String, Integer> calls = new HashMap<>();
    private final Map<String, ArrayDeque<Runnable>> waiters = new HashMap<>();
    private final EndpointDirectory directory;
    private final EndpointHealth health;
    private final WebhookSender sender;
    private final WebhookRecords records;
    private final RetrySchedule schedule;
    private final WebhookProperties properties;
    private final ScheduledExecutorService timers;
    private final Clock clock;
    private final AttemptLog log;

    DeliveryLanes(EndpointDirectory directory, EndpointHealth health, WebhookSender sender, WebhookRecords records,
                  WebhookProperties properties, ScheduledExecutorService timers, Clock clock,
                  io.micrometer.core.instrument.MeterRegistry meters, WebhookMetrics metrics) {
        this.log = new AttemptLog(records, meters, metrics);
        this.directory = directory;
        this.health = health;
        this.sender = sender;
        this.records = records;
        this.schedule = new RetrySchedule(properties.getRetrySchedule());
        this.properties = properties;
        this.timers = timers;
        this.clock = clock;
    }

    /** A record read from webhook-deliveries ({@code parked} false) or webhook-retries ({@code parked} true). */
    synchronized void accept(WebhookDelivery record, boolean parked, PartitionOffsets offsets, long offset) {
        LaneItem item = new LaneItem(record, parked, offsets, offset);
        if (parked) {
            parking.readBack(item);
        }
        ArrayDeque<LaneItem> lane = lanes(parked).computeIfAbsent(item.lane(), k -> new ArrayDeque<>());
        lane.add(item);
        if (lane.size() == 1) {
            pump(item.lane(), parked);
        }
    }

    private Map<String, ArrayDeque<LaneItem>> lanes(boolean parked) {
        return parked ? retry : hot;
    }

    private boolean hasParked(String lane) {
        return retry.containsKey(lane) || parking.inTransit(lane);
    }

    private void pump(String laneKey, boolean parked) {
        ArrayDeque<LaneItem> lane = lanes(parked).get(laneKey);
        if (lane == null || lane.isEmpty()) {
            lanes(parked).remove(laneKey);
            return;
        }
        LaneItem head = lane.peek();
        if (head.busy || head.waiting) {
            return;
        }
        if (!head.offsets.isOwned()) {
            // Its partition moved on: the next owner reads the record again.
            lane.poll();
            pump(laneKey, parked);
            return;
        }
        WebhookEndpoint endpoint = directory.endpoint(head.record.getEndpointId());
        String stopped = stopped(endpoint);
        if (stopped != null) {
            lane.poll();
            drop(head, stopped);
            pump(laneKey, parked);
            return;
        }
        if (!parked && (hasParked(laneKey) || (health.isFailing(endpoint) && !head.record.getReplay()))) {
            park(laneKey, head);
            return;
        }
        if (parked) {
            Optional<Instant> due = schedule.nextAttemptAt(head.attempts, head.firstAttemptAt);
            if (due.isEmpty()) {
                lane.poll();
                finish(head);
                pump(laneKey, true);
                return;
            }
            long wait = Duration.between(clock.instant(), due.get()).toMillis();
            if (wait > 0) {
                head.busy = true;
                timers.schedule(() -> wake(head, laneKey), wait, TimeUnit.MILLISECONDS);
                return;
            }
        }
        String endpointId = endpoint.getEndpointId();
        if (calls.getOrDefault(endpointId, 0) >= properties.getMaxConcurrencyPerEndpoint()) {
            ArrayDeque<Runnable> queue = waiters.computeIfAbsent(endpointId, k -> new ArrayDeque<>());
            if (!parked && queue.size() >= properties.getMaxQueuedPerEndpoint()) {
                park(laneKey, head);
                return;
            }
            head.waiting = true;
            queue.add(() -> {
                head.waiting = false;
                pump(laneKey, parked);
            });
            return;
        }
        attempt(laneKey, head, endpoint);
    }

    private synchronized void wake(LaneItem head, String laneKey) {
        head.busy = false;
        pump(laneKey, true);
    }

    private void attempt(String laneKey, LaneItem head, WebhookEndpoint endpoint) {
        String secret;
        try {
            secret = directory.secretOf(endpoint);
        } catch (IllegalArgumentException e) {
            LOG.error("Secret of webhook endpoint {} does not decrypt under the master key", endpoint.getEndpointId());
            lanes(head.parked).get(laneKey).poll();
            drop(head, "secret does not decrypt under the master key");
            pump(laneKey, head.parked);
            return;
        }
        head.busy = true;
        head.attempts++;
        Instant at = clock.instant();
        if (head.firstAttemptAt == null) {
            head.firstAttemptAt = at;
        }
        calls.merge(endpoint.getEndpointId(), 1, Integer::sum);
        sender.send(endpoint.getUrl(), secret, head.record.getWebhookId(), head.record.getPayload())
                .thenAccept(result -> completed(laneKey, head, endpoint, at, result));
    }

    private synchronized void completed(String laneKey, LaneItem head, WebhookEndpoint endpoint, Instant at,
                                        WebhookSender.Result result) {
        head.busy = false;
        calls.merge(endpoint.getEndpointId(), -1, Integer::sum);
        ArrayDeque<LaneItem> lane = lanes(head.parked).get(laneKey);
        String outcome;
        if (result.delivered()) {
            health.succeeded(endpoint);
            outcome = AttemptLog.DELIVERED;
        } else if (health.failed(endpoint, result.error())) {
            outcome = AttemptLog.GAVE_UP;
            LOG.warn("Webhook endpoint {} disabled: failing for {}", endpoint.getEndpointId(),
                    properties.getDisableAfter());
        } else {
            outcome = head.parked && schedule.nextAttemptAt(head.attempts, head.firstAttemptAt).isEmpty()
                    ? AttemptLog.GAVE_UP : AttemptLog.RETRYING;
        }
        log.attempt(head, at, result.httpStatus(), result.latencyMs(), result.error(), outcome);
        if (lane != null && lane.peek() == head) {
            if (!head.offsets.isOwned()) {
                lane.poll();
                pump(laneKey, head.parked);
            } else if (outcome.equals(AttemptLog.RETRYING) && !head.parked) {
                park(laneKey, head);
            } else if (!outcome.equals(AttemptLog.RETRYING)) {
                lane.poll();
                finish(head);
                pump(laneKey, head.parked);
            } else {
                pump(laneKey, true);
            }
        }
        ArrayDeque<Runnable> queue = waiters.get(endpoint.getEndpointId());
        if (queue != null && health.isDisabled(endpoint)) {
            // Nothing will free a connection of a disabled endpoint: let every waiting lane drop its events now.
            waiters.remove(endpoint.getEndpointId());
            queue.forEach(Runnable::run);
        } else if (queue != null && !queue.isEmpty()) {
            queue.poll().run();
        }
    }

    /**
     * Why nothing may be delivered to {@code endpoint} now, or null: it was deleted, its account is disabled or
     * deleted (its endpoints stop at once, whatever waits or is parked is dropped when its turn comes), or it was
     * paused or disabled itself.
     */
    private String stopped(WebhookEndpoint endpoint) {
        if (endpoint == null) {
            return "endpoint deleted";
        }
        AccountStatus account = directory.accountStatus(endpoint.getAccountId());
        if (account != AccountStatus.ACTIVE) {
            return account == AccountStatus.DELETED ? "account deleted" : "account disabled";
        }
        return !endpoint.getEnabled() || health.isDisabled(endpoint) ? "endpoint disabled" : null;
    }

    /** Moves a hot lane's head to webhook-retries; its offset finishes once Kafka acknowledged the parked copy. */
    private void park(String laneKey, LaneItem head) {
        hot.get(laneKey).poll();
        log.parked();
        parking.sent(head);
        WebhookDelivery parked = WebhookDelivery.newBuilder(head.record).setAttempts(head.attempts)
                .setFirstAttemptAt(head.firstAttemptAt).build();
        records.retry(head.offsets.partition().partition(), parked).whenComplete((metadata, failure) -> {
            if (failure == null) {
                head.offsets.finished(head.offset);
            } else {
                LOG.error("Parking webhook {} failed; it is delivered again after a restart: {}",
                        head.record.getWebhookId(), failure.toString());
            }
        });
        pump(laneKey, false);
    }

    private void drop(LaneItem item, String why) {
        log.dropped(item, clock.instant(), why);
        finish(item);
    }

    private void finish(LaneItem item) {
        item.offsets.finished(item.offset);
    }

    /** Forgets the items of partitions this instance no longer owns; their records go to the next owner. */
    synchronized void release(Collection<TopicPartition> partitions) {
        for (Map<String, ArrayDeque<LaneItem>> lanes : java.util.List.of(hot, retry)) {
            lanes.values().forEach(lane -> lane.removeIf(item -> !item.busy
                    && partitions.contains(item.offsets.partition())));
            lanes.values().removeIf(ArrayDeque::isEmpty);
        }
        parking.release(partitions);
    }

    /** Events waiting in memory per endpoint, fresh and parked. */
    synchronized Map<String, Integer> pendingByEndpoint() {
        Map<String, Integer> byEndpoint = new HashMap<>();
        for (Map<String, ArrayDeque<LaneItem>> lanes : java.util.List.of(hot, retry)) {
            for (ArrayDeque<LaneItem> lane : lanes.values()) {
                LaneItem head = lane.peek();
                if (head != null) {
                    byEndpoint.merge(head.record.getEndpointId(), lane.size(), Integer::sum);
                }
            }
        }
        return byEndpoint;
    }

    /** Events waiting in memory, fresh and parked. */
    synchronized int pending() {
        return hot.values().stream().mapToInt(ArrayDeque::size).sum()
                + retry.values().stream().mapToInt(ArrayDeque::size).sum();
    }
}

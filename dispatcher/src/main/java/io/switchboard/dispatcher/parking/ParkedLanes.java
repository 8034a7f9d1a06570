package io.switchboard.dispatcher.parking;

import io.switchboard.dispatcher.DeliveryAbandonedException;
import io.switchboard.dispatcher.PartitionOffsets;
import io.switchboard.schemas.avro.RetryCommand;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parked messages of the partitions this instance owns, in lanes, one per conversation key: only a lane's head
 * is attempted, when its {@code notBefore} comes, so a conversation's messages go out in their order; other lanes
 * never wait for it. A head's delivery runs until it is finished (sent, failed, expired, in doubt, dead-lettered),
 * waiting in memory between attempts; only then does its record's offset finish and the next head start.
 *
 * <p>Memory holds at most {@code max-in-memory} parked messages; beyond that a partition's further records are only
 * counted per key ({@link ParkedPartition}) and read again once memory is below 90% of the bound, so order holds
 * and fresh messages of a key with unloaded records still park behind them. Every {@code sweep-interval} an item
 * whose validity ended is delivered at once, wherever it is in its lane (it expires without being sent), and a
 * waiting head whose account may no longer send is delivered at once (it fails). All state is guarded by this
 * object's lock; deliveries start on a worker, outside it.
 */
public final class ParkedLanes {

    /** Runs the delivery of a parked message; completes when it is finished. */
    @FunctionalInterface
    public interface Starter {
        CompletableFuture<?> start(RetryCommand record, PartitionOffsets offsets);
    }

    private static final Logger LOG = LoggerFactory.getLogger(ParkedLanes.class);

    private final Map<Integer, ParkedPartition> partitions = new HashMap<>();
    private final Map<String, ArrayDeque<ParkedItem>> lanes = new HashMap<>();
    /** Park ids written by this instance and not read back yet, with their partition. */
    private final Map<String, Integer> inTransit = new HashMap<>();
    private final int maxInMemory;
    private final Starter starter;
    private final ScheduledExecutorService timers;
    private final Executor workers;
    private final Clock clock;
    private int loaded;

    public ParkedLanes(int maxInMemory, Starter starter, ScheduledExecutorService timers, Executor workers,
            Clock clock) {
        this.maxInMemory = Math.max(1, maxInMemory);
        this.starter = starter;
        this.timers = timers;
        this.workers = workers;
        this.clock = clock;
    }

    synchronized void assigned(int partition) {
        partitions.putIfAbsent(partition, new ParkedPartition());
    }

    /** Whether {@code key} of {@code partition} has a parked message not finished yet. */
    public synchronized boolean holds(int partition, String key) {
        ParkedPartition state = partitions.get(partition);
        return state != null && state.holds(key);
    }

    /** A message of {@code key} is being written to partition {@code partition}; later ones must park behind it. */
    public synchronized void parking(int partition, String key, String parkId) {
        partitions.computeIfAbsent(partition, p -> new ParkedPartition()).counted(key);
        inTransit.put(parkId, partition);
    }

    /** A record read from send-commands-retry, at the frontier or while reloading. */
    synchronized void accept(ConsumerRecord<String, RetryCommand> record, PartitionOffsets offsets) {
        ParkedPartition state = partitions.get(record.partition());
        long offset = record.offset();
        if (state == null) {
            return;
        }
        if (offset >= state.frontier) {
            state.frontier = offset + 1;
            offsets.started(offset);
            if (record.value() == null) {
                offsets.finished(offset);
                return;
            }
            String parkId = record.value().getParkId();
            if (parkId == null || inTransit.remove(parkId) == null) {
                state.counted(record.key());
            }
            if (state.reloadFrom < 0 && loaded < maxInMemory) {
                load(new ParkedItem(record.value(), record.key(), offsets, offset));
            } else if (state.reloadFrom < 0) {
                state.reloadFrom = offset;
                LOG.warn("{} parked messages in memory: later ones of {} wait in Kafka until memory frees", loaded,
                        offsets.partition());
            }
        } else if (state.reloading && offset >= state.reloadFrom && record.value() != null) {
            if (loaded < maxInMemory) {
                load(new ParkedItem(record.value(), record.key(), offsets, offset));
                state.reloadFrom = offset + 1;
                if (state.reloadFrom >= state.frontier) {
                    state.reloadFrom = -1;
                    state.reloading = false;
                }
            } else {
                state.reloadFrom = offset;
                state.reloading = false;
                state.seekTo = state.frontier;
            }
        }
    }

    /** The next offset of {@code partition} never read here (-1 before the first record). */
    synchronized long frontier(int partition) {
        ParkedPartition state = partitions.get(partition);
        return state == null ? -1 : state.frontier;
    }

    /** Seeks the polling thread must make (partition to offset); asking clears them. */
    synchronized Map<Integer, Long> takeSeeks() {
        Map<Integer, Long> seeks = new HashMap<>();
        partitions.forEach((partition, state) -> {
            if (state.seekTo != null) {
                seeks.put(partition, state.seekTo);
                state.seekTo = null;
            }
        });
        return seeks;
    }

    private void load(ParkedItem item) {
        ArrayDeque<ParkedItem> lane = lanes.computeIfAbsent(item.key, k -> new ArrayDeque<>());
        lane.add(item);
        loaded++;
        if (lane.size() == 1) {
            pump(item.key);
        }
    }

    private void pump(String key) {
        ArrayDeque<ParkedItem> lane = lanes.get(key);
        ParkedItem head = lane == null ? null : lane.peek();
        if (head == null || head.busy || head.timer != null) {
            return;
        }
        long wait = Duration.between(clock.instant(), head.record.getNotBefore()).toMillis();
        if (wait > 0) {
            head.timer = timers.schedule(() -> wake(head), wait, TimeUnit.MILLISECONDS);
        } else {
            start(head);
        }
    }

    private synchronized void wake(ParkedItem head) {
        head.timer = null;
        ArrayDeque<ParkedItem> lane = lanes.get(head.key);
        if (lane != null && lane.peek() == head && !head.busy) {
            start(head);
        }
    }

    private void start(ParkedItem item) {
        item.cancelTimer();
        item.busy = true;
        try {
            workers.execute(() -> run(item));
        } catch (RejectedExecutionException e) {
            item.busy = false; // shutting down: the next owner reads the record again
        }
    }

    private void run(ParkedItem item) {
        CompletableFuture<?> delivery;
        try {
            delivery = starter.start(item.record, item.offsets);
        } catch (RuntimeException e) {
            delivery = CompletableFuture.failedFuture(e);
        }
        delivery.whenComplete((ignored, failure) -> done(item, failure));
    }

    private synchronized void done(ParkedItem item, Throwable failure) {
        item.busy = false;
        ArrayDeque<ParkedItem> lane = lanes.get(item.key);
        if (lane == null || !lane.remove(item)) {
            return;
        }
        loaded--;
        if (lane.isEmpty()) {
            lanes.remove(item.key);
        }
        ParkedPartition state = partitions.get(item.partition());
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (state != null && !(cause instanceof DeliveryAbandonedException)) {
            state.finished(item.key);
            if (cause == null) {
                item.offsets.finished(item.offset);
            } else {
                LOG.error("Delivery of parked message {} stopped unexpectedly; its offset stays uncommitted",
                        item.record.getCommand().getMessageId(), cause);
            }
        }
        pump(item.key);
        if (loaded < maxInMemory * 9L / 10) {
            partitions.values().forEach(ParkedPartition::startReload);
        }
    }

    /**
     * Delivers at once the items that will end without being sent: any item whose validity ended ({@code expired}),
     * and a waiting head whose account may no longer send ({@code refused}).
     */
    public synchronized void sweep(Predicate<RetryCommand> expired, Predicate<RetryCommand> refused) {
        List<ParkedItem> due = new ArrayList<>();
        for (ArrayDeque<ParkedItem> lane : lanes.values()) {
            boolean head = true;
            for (ParkedItem item : lane) {
                if (!item.busy && (expired.test(item.record) || (head && refused.test(item.record)))) {
                    due.add(item);
                }
                head = false;
            }
        }
        due.forEach(this::start);
    }

    /** The partitions moved to another instance: forget their items (their deliveries abandon) and counts. */
    synchronized void release(Collection<Integer> released) {
        released.forEach(partitions::remove);
        inTransit.values().removeIf(released::contains);
        for (Iterator<ArrayDeque<ParkedItem>> it = lanes.values().iterator(); it.hasNext(); ) {
            ArrayDeque<ParkedItem> lane = it.next();
            lane.removeIf(item -> {
                boolean gone = released.contains(item.partition()) && !item.busy;
                if (gone) {
                    item.cancelTimer();
                    loaded--;
                }
                return gone;
            });
            if (lane.isEmpty()) {
                it.remove();
            }
        }
    }

    /** Parked messages held in memory. */
    public synchronized int inMemory() {
        return loaded;
    }

    /** Parked messages not finished, in memory or in Kafka, of the partitions this instance owns. */
    public synchronized int known() {
        return partitions.values().stream().mapToInt(ParkedPartition::known).sum();
    }
}

package io.switchboard.dispatcher;

import io.switchboard.dispatcher.parking.ParkedReader;
import io.switchboard.dispatcher.validation.CommandDecoder;
import io.switchboard.dispatcher.validation.ConsumedCommand;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.SendCommand;
import io.switchboard.schemas.registry.SchemaRegistryClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer loop. One thread owns a plain {@link KafkaConsumer} on {@code send-commands} and hands each record to
 * a {@link KeyOrderedExecutor}: records with the same key (one business number, one recipient) are delivered one
 * after another in offset order, records with different keys concurrently, so one slow call or a retry waiting for
 * its backoff never holds up the rest of a partition.
 *
 * <p>Rules: at most {@code max-in-flight} records are taken at once (plus one poll's worth), beyond which every
 * assigned partition is paused until work finishes; offsets are committed per partition only up to the first
 * unfinished record ({@link PartitionOffsets}), asynchronously every {@code commit-interval} and synchronously on
 * revocation and close; on revocation or close the partition drains: nothing new starts, the loop waits up to
 * {@code revoke-timeout} (or {@code shutdown-timeout}) only for Cloud API calls under way, commits what finished and
 * hands the rest back to the next owner (records waiting for a slot, a retry or a halt; a call still under way at
 * the deadline may deliver a message twice and is counted in {@code dispatcher.possible.duplicates}). Every record
 * passes {@link CommandGate} (validation, rejection to rejected-commands) before its handler runs; a registry outage
 * and the rebalance callbacks are handled by {@link CommandPolling}. The parked messages of the same partitions are
 * read by a {@link ParkedReader} on this same thread, so its consumer follows this one's assignment exactly.
 */
public final class KeyOrderedDispatcher implements AutoCloseable {

    /** Delivers one command; {@code tracker} is its partition's, which tells whether it is still assigned here. */
    @FunctionalInterface
    public interface CommandHandler {
        CompletableFuture<Void> handle(SendCommand command, PartitionOffsets tracker);
    }

    private static final Logger LOG = LoggerFactory.getLogger(KeyOrderedDispatcher.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);

    private final Consumer<String, ConsumedCommand> consumer;
    private final CommandPolling polling;
    private final KeyOrderedExecutor keys;
    private final CommandGate gate;
    private final CommandHandler handler;
    private final ParkedReader parked;
    private final Map<TopicPartition, PartitionOffsets> partitions = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Object progress = new Object();
    private final Duration commitInterval;
    private final Duration shutdownTimeout;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Throwable failure;
    private volatile long lastPollNanos = System.nanoTime();
    private long lastCommitNanos = System.nanoTime();
    private volatile long lag;

    public KeyOrderedDispatcher(Map<String, Object> consumerConfig, String registryUrl, KeyOrderedExecutor keys,
            CommandGate gate, CommandHandler handler, ParkedReader parked, DispatcherMetrics metrics,
            DispatcherProperties properties) {
        Map<String, Object> config = new HashMap<>(consumerConfig);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, properties.getGroupId());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Math.max(1, Math.min(500, properties.getMaxInFlight())));
        // Cooperative rebalancing revokes only the partitions that move, so the others keep sending meanwhile.
        config.putIfAbsent(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        this.consumer = new KafkaConsumer<>(config, Topics.SEND_COMMANDS.keySerde().deserializer(),
                new CommandDecoder(SchemaRegistryClients.forUrl(registryUrl)));
        this.keys = keys;
        this.gate = gate;
        this.handler = handler;
        this.parked = parked;
        this.commitInterval = properties.getCommitInterval();
        this.shutdownTimeout = properties.getShutdownTimeout();
        this.polling = new CommandPolling(consumer, partitions, parked, this::awaitDrained, metrics,
                properties.getMaxInFlight(), properties.getRevokeTimeout());
        this.thread = new Thread(this::run, "dispatcher-consumer");
    }

    public void start() {
        thread.start();
    }

    private void run() {
        try {
            consumer.subscribe(List.of(Topics.SEND_COMMANDS.name()), polling);
            while (running) {
                polling.applyBackpressure(inFlight.get());
                ConsumerRecords<String, ConsumedCommand> records;
                try {
                    records = consumer.poll(POLL_TIMEOUT);
                } catch (RecordDeserializationException e) {
                    polling.undecodable(e);
                    continue;
                }
                lastPollNanos = System.nanoTime();
                for (ConsumerRecord<String, ConsumedCommand> record : records) {
                    dispatch(record);
                }
                parked.poll();
                commitIfDue();
            }
        } catch (WakeupException e) {
            if (running) {
                failure = e;
            }
        } catch (RuntimeException e) {
            failure = e;
            LOG.error("The send-commands consumer loop stopped", e);
        } finally {
            drainAndClose();
        }
    }

    private void dispatch(ConsumerRecord<String, ConsumedCommand> record) {
        PartitionOffsets tracker = partitions.get(new TopicPartition(record.topic(), record.partition()));
        if (tracker == null || !tracker.isOwned()) {
            return;
        }
        long offset = record.offset();
        tracker.started(offset);
        inFlight.incrementAndGet();
        SendCommand command = record.value() == null ? null : record.value().command();
        String key = record.key() != null ? record.key()
                : command == null ? "" : Topics.sendCommandKey(command.getPhoneNumberId(), command.getRecipient());
        // The gate validates before anything is sent; a rejected record finishes once its rejection is stored.
        keys.submit(key, () -> gate.admit(record, tracker).thenCompose(admitted -> admitted.isPresent()
                        ? handler.handle(admitted.get(), tracker) : CompletableFuture.<Void>completedFuture(null)))
                .whenComplete((ignored, error) -> complete(tracker, offset, error));
    }

    private void complete(PartitionOffsets tracker, long offset, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null
                ? error.getCause() : error;
        if (cause == null) {
            tracker.finished(offset);
        } else if (!(cause instanceof DeliveryAbandonedException)
                && !(cause instanceof RejectedExecutionException)) {
            LOG.error("Record {}@{} did not finish; its offset stays uncommitted until it is redelivered",
                    tracker.partition(), offset, cause);
        }
        inFlight.decrementAndGet();
        synchronized (progress) {
            progress.notifyAll();
        }
    }

    private void commitIfDue() {
        if (System.nanoTime() - lastCommitNanos >= commitInterval.toNanos()) {
            lastCommitNanos = System.nanoTime();
            polling.commitAsync(new ArrayList<>(partitions.values()));
            parked.commitAsync();
            lag = polling.lag(partitions.values());
        }
    }

    /**
     * Waits until the given partitions (already draining: nothing new starts) have no Cloud API call under way and
     * no unfinished record that is not merely waiting, or the timeout passes. Records waiting for a slot, a retry or
     * a halt are not waited for: they are handed back to the next owner.
     */
    private void awaitDrained(Collection<PartitionOffsets> trackers, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (trackers.stream().anyMatch(t -> t.callsInFlight() > 0)) {
                long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
                if (remainingMillis <= 0) {
                    return;
                }
                try {
                    // Calls ending do not notify this monitor: look again every 50 ms.
                    progress.wait(Math.min(remainingMillis, 50));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void drainAndClose() {
        try {
            polling.release(new ArrayList<>(partitions.keySet()), shutdownTimeout, true);
        } catch (RuntimeException e) {
            LOG.warn("Could not finish in-flight work cleanly at shutdown: {}", e.toString());
        } finally {
            try {
                consumer.close(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                LOG.warn("Closing the send-commands consumer failed: {}", e.toString());
            }
            parked.close();
        }
    }

    /** Stops polling, waits up to {@code shutdown-timeout} for work in flight, commits what finished and closes. */
    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(shutdownTimeout.plusSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("The send-commands consumer did not stop within {}", shutdownTimeout.plusSeconds(10));
        }
    }

    /** Polling normally: the thread runs, no fatal error, and a poll returned recently. */
    public boolean isAlive() {
        return running && failure == null && thread.isAlive()
                && System.nanoTime() - lastPollNanos < Duration.ofSeconds(60).toNanos();
    }

    public Throwable failure() {
        return failure;
    }

    public int inFlight() {
        return inFlight.get();
    }

    public int assignedPartitions() {
        return partitions.size();
    }

    /** Records of the assigned send-commands partitions not finished yet (unread or in flight), as last computed. */
    public long lag() {
        return lag;
    }

    /** The same for their send-commands-retry partitions: parked or unread. */
    public long parkedLag() {
        return parked.lag();
    }
}

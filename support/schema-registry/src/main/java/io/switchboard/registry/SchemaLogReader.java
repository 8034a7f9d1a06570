package io.switchboard.registry;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that applies the schemas topic to {@link RegistryState}, from the beginning, committed records only
 * ({@code read_committed}). Rules: records are applied in offset order, an unreadable record is skipped (the same way
 * by every instance), and waiters learn the position (next offset to apply) after each poll.
 */
final class SchemaLogReader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaLogReader.class);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final TopicPartition partition;
    private final RegistryState state;
    private final Thread thread;
    private final Object progress = new Object();
    private long position; // guarded by progress
    private Throwable failure; // guarded by progress
    private volatile boolean running = true;

    private SchemaLogReader(RegistrySettings settings, RegistryState state) {
        this.state = state;
        this.partition = new TopicPartition(settings.topic(), 0);
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
                ConsumerConfig.CLIENT_ID_CONFIG, "schema-registry-reader",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                // A commit marker does not wake a waiting fetch: keep the wait short so writes are seen quickly.
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "schema-registry-reader-" + settings.topic());
        this.thread.setDaemon(true);
    }

    static SchemaLogReader start(RegistrySettings settings, RegistryState state) {
        SchemaLogReader reader = new SchemaLogReader(settings, state);
        reader.consumer.assign(List.of(reader.partition));
        reader.consumer.seekToBeginning(List.of(reader.partition));
        reader.thread.start();
        return reader;
    }

    private void run() {
        try {
            while (running) {
                try {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                        apply(record);
                    }
                    publish(consumer.position(partition, Duration.ofSeconds(5)));
                } catch (RetriableException e) {
                    LOG.debug("Schemas topic not readable for now: {}", e.toString());
                }
            }
        } catch (WakeupException e) {
            // close() woke us up
        } catch (RuntimeException e) {
            LOG.error("Schema registry reader stopped", e);
            fail(e);
        } finally {
            consumer.close(Duration.ofSeconds(1));
        }
    }

    private void apply(ConsumerRecord<byte[], byte[]> record) {
        try {
            state.apply(LogRecordCodec.decode(record.key(), record.value()));
        } catch (RuntimeException e) {
            LOG.warn("Skipping unreadable record at offset {} of {}: {}", record.offset(), partition, e.toString());
        }
    }

    private void publish(long next) {
        synchronized (progress) {
            if (next > position) {
                position = next;
                progress.notifyAll();
            }
        }
    }

    private void fail(Throwable cause) {
        synchronized (progress) {
            failure = cause;
            progress.notifyAll();
        }
    }

    /** The next offset to apply. */
    long position() {
        synchronized (progress) {
            return position;
        }
    }

    /** Why the reader stopped for good, or null while it reads. */
    Throwable failure() {
        synchronized (progress) {
            return failure != null ? failure : thread.isAlive() ? null : new IllegalStateException("reader stopped");
        }
    }

    /** Returns once every record before {@code target} is applied; 50002 on timeout, 50001 if reading failed. */
    void awaitPosition(long target, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (position < target) {
                if (failure != null) {
                    throw RegistryException.storeError("The schemas topic can no longer be read: " + failure);
                }
                long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (remaining <= 0) {
                    throw RegistryException.timeout("Timed out waiting for the schemas topic to reach offset "
                            + target + " (at " + position + ")");
                }
                try {
                    progress.wait(remaining);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw RegistryException.timeout("Interrupted while waiting for the schemas topic");
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

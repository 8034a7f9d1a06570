package io.switchboard.registry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's storage: the compacted schemas topic, read into {@link RegistryState} by a {@link SchemaLogReader}
 * and written here. Rules: a change is planned against a state that has caught up with the whole topic, produced
 * ({@code acks=all}) in a Kafka transaction, and answered only once our own reader has applied it (read-your-writes).
 * All instances on one topic share one transactional id, so a writer is fenced whenever another instance wrote since
 * it last caught up; it then re-reads and re-plans. That gives every instance the same ids and versions without a
 * leader election.
 */
final class SchemaLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaLog.class);
    private static final int WRITE_ATTEMPTS = 10;

    private final RegistrySettings settings;
    private final RegistryState state;
    private final TopicPartition partition;
    private final Admin admin;
    private final SchemaLogReader reader;
    private KafkaProducer<byte[], byte[]> producer; // guarded by this

    private SchemaLog(RegistrySettings settings, RegistryState state, Admin admin, SchemaLogReader reader) {
        this.settings = settings;
        this.state = state;
        this.partition = new TopicPartition(settings.topic(), 0);
        this.admin = admin;
        this.reader = reader;
    }

    /** Creates the topic if needed, starts reading it, and returns once everything already in it is applied. */
    static SchemaLog open(RegistrySettings settings, RegistryState state) {
        Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG, "schema-registry-admin"));
        SchemaLogReader reader = null;
        try {
            SchemaTopic.ensure(admin, settings.topic(), settings.storeTimeout().toMillis());
            reader = SchemaLogReader.start(settings, state);
            SchemaLog log = new SchemaLog(settings, state, admin, reader);
            log.catchUp();
            log.prepareWriter();
            return log;
        } catch (Exception e) {
            if (reader != null) {
                reader.close();
            }
            admin.close(Duration.ofSeconds(1));
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("cannot open schemas topic " + settings.topic() + " on "
                    + settings.bootstrapServers(), e);
        }
    }

    /**
     * Gets the transactional producer ready before the first request, so that the first registration does not pay
     * for it (the very first one on a cluster creates the transaction log, seconds on a busy machine). A failure is
     * not fatal: reads work without a writer, and the next write tries again.
     */
    private synchronized void prepareWriter() {
        try {
            producer();
        } catch (KafkaException e) {
            LOG.warn("Schema registry writer not ready yet (will retry on the first write): {}", e.toString());
        }
    }

    /** Waits until the reader has applied everything committed to the topic so far. */
    void catchUp() {
        long end;
        try {
            end = endOffset(settings.storeTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RegistryException.timeout("Interrupted while reading the end of " + settings.topic());
        } catch (Exception e) {
            throw RegistryException.storeError("Cannot read the end of " + settings.topic() + ": " + e);
        }
        reader.awaitPosition(end, settings.storeTimeout());
    }

    /** The end of the topic's committed records, asked of Kafka within {@code timeout}. */
    long endOffset(Duration timeout) throws Exception {
        return admin.listOffsets(Map.of(partition, OffsetSpec.latest()),
                        new ListOffsetsOptions(IsolationLevel.READ_COMMITTED).timeoutMs((int) timeout.toMillis()))
                .partitionResult(partition).get(timeout.toMillis(), TimeUnit.MILLISECONDS).offset();
    }

    /** The next offset the reader applies, and why it stopped if it did (null while it reads). */
    long readerPosition() {
        return reader.position();
    }

    Throwable readerFailure() {
        return reader.failure();
    }

    String topic() {
        return settings.topic();
    }

    /**
     * Plans a change against the caught-up state and writes it. The planner may run more than once (after being
     * fenced by another instance), so it must only read the state and return records; it throws
     * {@link RegistryException} to refuse the change.
     */
    synchronized <T> T write(Function<RegistryState, WritePlan<T>> planner) {
        KafkaException last = null;
        for (int attempt = 1; attempt <= WRITE_ATTEMPTS; attempt++) {
            try {
                KafkaProducer<byte[], byte[]> writer = producer();
                catchUp();
                WritePlan<T> plan = planner.apply(state);
                if (plan.records().isEmpty()) {
                    return plan.answer();
                }
                long lastOffset = produce(writer, plan.records());
                reader.awaitPosition(lastOffset + 1, settings.storeTimeout());
                return plan.answer();
            } catch (KafkaException e) {
                // Usually fenced: another instance wrote since we caught up. Re-read and plan again.
                last = e;
                LOG.info("Write to {} not committed (attempt {}): {}", settings.topic(), attempt, e.toString());
                discardProducer();
            }
        }
        throw RegistryException.storeError("Could not write to " + settings.topic() + " after " + WRITE_ATTEMPTS
                + " attempts: " + last);
    }

    private long produce(KafkaProducer<byte[], byte[]> writer, List<LogRecord> records) {
        writer.beginTransaction();
        List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
        for (LogRecord record : records) {
            sent.add(writer.send(new ProducerRecord<>(settings.topic(), 0,
                    LogRecordCodec.key(record), LogRecordCodec.value(record))));
        }
        writer.commitTransaction(); // flushes, and fails if any send failed or we were fenced
        try {
            return sent.get(sent.size() - 1).get().offset();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted after commit", e);
        } catch (ExecutionException e) {
            throw new KafkaException("send failed", e.getCause());
        }
    }

    private KafkaProducer<byte[], byte[]> producer() {
        if (producer == null) {
            KafkaProducer<byte[], byte[]> created = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
                    ProducerConfig.CLIENT_ID_CONFIG, "schema-registry-writer",
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.TRANSACTIONAL_ID_CONFIG, settings.transactionalId(),
                    ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 10_000,
                    ProducerConfig.LINGER_MS_CONFIG, 0,
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, settings.storeTimeout().toMillis()),
                    new ByteArraySerializer(), new ByteArraySerializer());
            try {
                created.initTransactions();
            } catch (KafkaException e) {
                created.close(Duration.ZERO);
                throw e;
            }
            producer = created;
        }
        return producer;
    }

    private void discardProducer() {
        if (producer != null) {
            producer.close(Duration.ZERO);
            producer = null;
        }
    }

    @Override
    public synchronized void close() {
        discardProducer();
        reader.close();
        admin.close(Duration.ofSeconds(1));
    }

    /** What a write adds to the topic (possibly nothing) and what the request then answers. */
    record WritePlan<T>(List<LogRecord> records, T answer) {

        static <T> WritePlan<T> nothing(T answer) {
            return new WritePlan<>(List.of(), answer);
        }

        static <T> WritePlan<T> of(List<LogRecord> records, T answer) {
            return new WritePlan<>(List.copyOf(records), answer);
        }
    }
}

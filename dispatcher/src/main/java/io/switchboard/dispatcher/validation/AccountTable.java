package io.switchboard.dispatcher.validation;

import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.Account;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The compacted {@code accounts} topic as an in-memory table (accountId to Account; a tombstone removes), read from
 * the beginning by its own thread without a consumer group and followed for as long as the dispatcher runs, like
 * api-ingress's CompactedTable. {@link #ready()} completes once everything that existed at start is read: before that
 * an unknown account may merely be unread, so commands wait for it rather than being rejected. An undecodable
 * record is skipped; a failing read is retried every second.
 */
public final class AccountTable implements CommandRules.Accounts, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AccountTable.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final Map<String, Object> config;
    private final String registryUrl;
    private final Thread thread = new Thread(this::run, "dispatcher-accounts");
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, Account> consumer;

    public AccountTable(Map<String, Object> kafkaConfig, String registryUrl) {
        this.config = new HashMap<>(kafkaConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "dispatcher-accounts-reader");
        this.registryUrl = registryUrl;
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Completes once the table holds every account that existed when it started. */
    public CompletableFuture<Void> ready() {
        return ready;
    }

    @Override
    public Account byId(String accountId) {
        return accounts.get(accountId);
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, Account> kafka = new KafkaConsumer<>(config,
                    Topics.ACCOUNTS.keySerde().deserializer(), Topics.ACCOUNTS.valueSerde(registryUrl).deserializer())) {
                consumer = kafka;
                follow(kafka);
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warn("Reading {} failed, retrying in 1 s: {}", Topics.ACCOUNTS.name(), e.toString());
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void follow(KafkaConsumer<String, Account> kafka) {
        List<TopicPartition> partitions = kafka.partitionsFor(Topics.ACCOUNTS.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        if (partitions.isEmpty()) {
            throw new IllegalStateException("topic " + Topics.ACCOUNTS.name() + " has no partitions yet");
        }
        kafka.assign(partitions);
        kafka.seekToBeginning(partitions);
        Map<TopicPartition, Long> endAtStart = kafka.endOffsets(partitions);
        while (running) {
            try {
                for (ConsumerRecord<String, Account> record : kafka.poll(POLL)) {
                    if (record.key() == null) {
                        continue;
                    }
                    if (record.value() == null) {
                        accounts.remove(record.key());
                    } else {
                        accounts.put(record.key(), record.value());
                    }
                }
            } catch (RecordDeserializationException e) {
                LOG.error("Skipping undecodable account record {}@{}", e.topicPartition(), e.offset(), e);
                kafka.seek(e.topicPartition(), e.offset() + 1);
            }
            if (!ready.isDone() && endAtStart.entrySet().stream()
                    .allMatch(end -> kafka.position(end.getKey()) >= end.getValue())) {
                LOG.info("Read {} account(s) from {}", accounts.size(), Topics.ACCOUNTS.name());
                ready.complete(null);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        KafkaConsumer<String, Account> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

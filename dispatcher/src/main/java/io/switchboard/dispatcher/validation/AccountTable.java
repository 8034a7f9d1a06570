package io.switchboard.dispatcher.validation;

import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.Account;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
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
 * an unknown account may merely be unread, so commands wait for it rather than being rejected. Later, an account
 * created a moment ago may still be unread too: {@link #caughtUp()} completes once the table has read everything the
 * topic held when it was asked, so a command naming an unknown account is checked again before it is rejected. An
 * undecodable record is skipped; a failing read is retried every second.
 */
public final class AccountTable implements CommandRules.Accounts, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AccountTable.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final Map<String, Object> config;
    private final String registryUrl;
    private final Thread thread = new Thread(this::run, "dispatcher-accounts");
    /** Asked for by {@link #caughtUp()}, taken by the reader thread. */
    private final Queue<CompletableFuture<Void>> catchUpRequests = new ConcurrentLinkedQueue<>();
    /** Requests the reader thread is serving, with the end offsets they wait for (reader thread only). */
    private final List<CatchUp> catchingUp = new ArrayList<>();
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

    /** Completes once the table has read every record the topic holds now (not only those at start). */
    public CompletableFuture<Void> caughtUp() {
        CompletableFuture<Void> request = new CompletableFuture<>();
        catchUpRequests.add(request);
        return request;
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
            if (!ready.isDone() && reached(kafka, endAtStart)) {
                LOG.info("Read {} account(s) from {}", accounts.size(), Topics.ACCOUNTS.name());
                ready.complete(null);
            }
            serveCatchUps(kafka, partitions);
        }
    }

    /** Takes new catch-up requests (their targets are the end offsets now) and completes those that are reached. */
    private void serveCatchUps(KafkaConsumer<String, Account> kafka, List<TopicPartition> partitions) {
        List<CompletableFuture<Void>> fresh = new ArrayList<>();
        for (CompletableFuture<Void> request; (request = catchUpRequests.poll()) != null; ) {
            fresh.add(request);
        }
        if (!fresh.isEmpty()) {
            Map<TopicPartition, Long> ends = kafka.endOffsets(partitions);
            fresh.forEach(request -> catchingUp.add(new CatchUp(request, ends)));
        }
        catchingUp.removeIf(catchUp -> {
            if (reached(kafka, catchUp.ends())) {
                catchUp.request().complete(null);
                return true;
            }
            return false;
        });
    }

    private static boolean reached(KafkaConsumer<String, Account> kafka, Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(end -> kafka.position(end.getKey()) >= end.getValue());
    }

    private record CatchUp(CompletableFuture<Void> request, Map<TopicPartition, Long> ends) {
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

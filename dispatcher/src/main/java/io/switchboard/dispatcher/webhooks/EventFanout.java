package io.switchboard.dispatcher.webhooks;

import io.switchboard.infrastructure.kafka.ConsumerLag;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.Account;
import io.switchboard.schemas.avro.AccountStatus;
import io.switchboard.schemas.avro.InboundMessage;
import io.switchboard.schemas.avro.MessageStatus;
import io.switchboard.schemas.avro.WebhookDelivery;
import io.switchboard.schemas.avro.WebhookEndpoint;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code message-status} and {@code inbound-messages}, turns each record into customer events
 * ({@link StatusEvents}, {@link InboundEvents}) and writes one {@code webhook-deliveries} record per subscribed
 * endpoint, keyed like the source record. Offsets are committed only after every record of the poll was acknowledged;
 * a failed write rewinds to the batch's first offsets, so nothing is skipped (re-written events keep their webhook ids).
 * It never calls a customer: a slow endpoint cannot hold it up. Events of a deleted account, and inbound messages to
 * a number no account owns, are written for no endpoint and counted; a disabled account's events are written, and
 * dropped when delivered (so a replay can send them once the account is enabled again).
 */
final class EventFanout implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventFanout.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final Deserializer<MessageStatus> statuses;
    private final Deserializer<InboundMessage> inbound;
    private final EndpointDirectory directory;
    private final WebhookRecords records;
    private final StatusEvents statusEvents = new StatusEvents(100_000);
    private final ReplyContext replies;
    private final Clock clock;
    private final WebhookMetrics metrics;
    private final ConsumerLag lag;
    private final Thread thread;
    private volatile boolean running = true;

    EventFanout(Map<String, Object> kafka, String registryUrl, WebhookProperties properties,
                EndpointDirectory directory, WebhookRecords records, Clock clock, WebhookMetrics metrics,
                io.micrometer.core.instrument.MeterRegistry meters) {
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, properties.getFanoutGroupId());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, properties.getAutoOffsetReset());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumer = new KafkaConsumer<>(config, Topics.MESSAGE_STATUS.keySerde().deserializer(),
                new ByteArrayDeserializer());
        this.statuses = Topics.MESSAGE_STATUS.valueSerde(registryUrl).deserializer();
        this.inbound = Topics.INBOUND_MESSAGES.valueSerde(registryUrl).deserializer();
        this.directory = directory;
        this.records = records;
        this.clock = clock;
        this.metrics = metrics;
        this.lag = new ConsumerLag(meters, "webhooks.consumer.lag", properties.getFanoutGroupId(),
                List.of(Topics.MESSAGE_STATUS.name(), Topics.INBOUND_MESSAGES.name()));
        this.replies = new ReplyContext(properties.getProjectorUrl(), properties.getProjectorTimeout());
        this.thread = new Thread(this::run, "webhooks-fanout");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        try {
            consumer.subscribe(List.of(Topics.MESSAGE_STATUS.name(), Topics.INBOUND_MESSAGES.name()));
            while (running) {
                List<CompletableFuture<?>> writes = new ArrayList<>();
                Map<TopicPartition, Long> firstOffsets = new HashMap<>();
                var polled = consumer.poll(Duration.ofMillis(200));
                lag.measure(consumer);
                for (ConsumerRecord<String, byte[]> record : polled) {
                    firstOffsets.putIfAbsent(new TopicPartition(record.topic(), record.partition()), record.offset());
                    for (CustomerEvent event : events(record)) {
                        for (WebhookEndpoint endpoint : directory.subscribers(event)) {
                            writes.add(records.delivery(delivery(endpoint, event)));
                        }
                    }
                }
                if (writes.isEmpty()) {
                    continue;
                }
                try {
                    CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
                    consumer.commitSync();
                } catch (RuntimeException e) {
                    LOG.warn("Writing webhook deliveries failed, reading the batch again: {}", e.toString());
                    firstOffsets.forEach(consumer::seek);
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("Customer-webhook fan-out stopped", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private List<CustomerEvent> events(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return List.of();
        }
        try {
            if (record.topic().equals(Topics.MESSAGE_STATUS.name())) {
                MessageStatus status = statuses.deserialize(record.topic(), record.value());
                List<CustomerEvent> events = statusEvents.of(record.key(), status);
                return events.isEmpty() || !deleted(status.getAccountId(), events.size()) ? events : List.of();
            }
            InboundMessage message = inbound.deserialize(record.topic(), record.value());
            Account account = directory.accountOfNumber(message.getPhoneNumberId());
            if (account == null) {
                metrics.unrouted("no_owner");
                return List.of();
            }
            return deleted(account.getAccountId(), 1) ? List.of() : List.of(InboundEvents.of(record.key(), message,
                    account.getAccountId(), account.getDisplayPhoneNumber(),
                    replies.messageIdOf(message.getContextWamid())));
        } catch (RuntimeException e) {
            LOG.warn("Skipping undecodable record {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.toString());
            return List.of();
        }
    }

    /** Whether the account is deleted; its {@code events} are then counted and never written. */
    private boolean deleted(String accountId, int events) {
        if (directory.accountStatus(accountId) != AccountStatus.DELETED) {
            return false;
        }
        for (int i = 0; i < events; i++) {
            metrics.unrouted("account_deleted");
        }
        return true;
    }

    private WebhookDelivery delivery(WebhookEndpoint endpoint, CustomerEvent event) {
        return WebhookDelivery.newBuilder()
                .setWebhookId(WebhookSigner.webhookId(endpoint.getEndpointId(), event.eventKey()))
                .setEndpointId(endpoint.getEndpointId())
                .setAccountId(event.accountId())
                .setEvent(event.type())
                .setOrderKey(event.orderKey())
                .setPayload(event.payload())
                .setCreatedAt(clock.instant())
                .build();
    }

    /** False once the loop stopped on an error (or was closed). */
    boolean isAlive() {
        return thread.isAlive();
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

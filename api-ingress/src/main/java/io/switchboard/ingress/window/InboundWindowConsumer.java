package io.switchboard.ingress.window;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.infrastructure.kafka.ConsumerLag;
import io.switchboard.ingress.IngressConfiguration;
import io.switchboard.ingress.inbox.InboxWriter;
import io.switchboard.ingress.kafka.KafkaSettings;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.InboundMessage;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows inbound-messages in the consumer group {@code window-consumer-group} (default {@code api-ingress-windows};
 * the instances share the partitions), opens each sender's customer-service window in Redis and keeps the message in
 * its number's inbox ({@link InboxWriter}, for the inbound listing). Offsets are committed only after Redis took the
 * whole batch; if Redis fails, the batch is read again after a second (opening a window or keeping a message twice
 * is harmless). Every customer message counts, whatever its type. Its lag is
 * {@code switchboard_ingress_consumer_lag{group,topic}}: how far windows and the inbound listing are behind.
 */
@Singleton
public class InboundWindowConsumer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InboundWindowConsumer.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final CustomerWindowWriter windows;
    private final InboxWriter inbox;
    private final Properties config = new Properties();
    private final Thread thread = new Thread(this::run, "inbound-windows");
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, InboundMessage> consumer;
    private final KafkaSettings kafka;
    private final ConsumerLag lag;

    public InboundWindowConsumer(CustomerWindowWriter windows, InboxWriter inbox, KafkaSettings kafka,
                                 IngressConfiguration settings, MeterRegistry meters) {
        this.lag = new ConsumerLag(meters, "switchboard.ingress.consumer.lag", settings.getWindowConsumerGroup(),
                List.of(Topics.INBOUND_MESSAGES.name()));
        this.windows = windows;
        this.inbox = inbox;
        this.kafka = kafka;
        config.putAll(kafka.clientConfig());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, settings.getWindowConsumerGroup());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "api-ingress-windows");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    public boolean isRunning() {
        return thread.isAlive();
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, InboundMessage> kafkaConsumer = new KafkaConsumer<>(config,
                    new StringDeserializer(), Topics.INBOUND_MESSAGES.valueSerde(kafka.registryUrl()).deserializer())) {
                consumer = kafkaConsumer;
                kafkaConsumer.subscribe(List.of(Topics.INBOUND_MESSAGES.name()));
                while (running) {
                    pollOnce(kafkaConsumer);
                }
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("Inbound window consumer failed, restarting in 1 s: {}", e.toString());
                pause();
            }
        }
    }

    private void pollOnce(KafkaConsumer<String, InboundMessage> kafkaConsumer) {
        ConsumerRecords<String, InboundMessage> records;
        try {
            records = kafkaConsumer.poll(POLL);
            lag.measure(kafkaConsumer);
        } catch (RecordDeserializationException e) {
            LOG.error("Skipping undecodable inbound message {}@{}", e.topicPartition(), e.offset(), e);
            kafkaConsumer.seek(e.topicPartition(), e.offset() + 1);
            return;
        }
        if (records.isEmpty()) {
            return;
        }
        List<CompletableFuture<?>> writes = new ArrayList<>();
        Map<TopicPartition, Long> firstOffsets = new HashMap<>();
        for (ConsumerRecord<String, InboundMessage> record : records) {
            firstOffsets.putIfAbsent(new TopicPartition(record.topic(), record.partition()), record.offset());
            InboundMessage message = record.value();
            if (message != null && message.getFrom() != null && message.getPhoneNumberId() != null) {
                writes.add(windows.open(message.getPhoneNumberId(), message.getFrom(), message.getSentAt()));
                if (message.getWamid() != null) {
                    writes.add(inbox.write(message));
                }
            }
        }
        try {
            CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            kafkaConsumer.commitSync();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } catch (Exception e) {
            LOG.warn("Could not open customer windows or keep inbound messages in Redis; re-reading the batch: {}",
                    e.toString());
            firstOffsets.forEach(kafkaConsumer::seek);
            pause();
        }
    }

    private void pause() {
        try {
            TimeUnit.SECONDS.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @PreDestroy
    @Override
    public void close() {
        running = false;
        KafkaConsumer<String, InboundMessage> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

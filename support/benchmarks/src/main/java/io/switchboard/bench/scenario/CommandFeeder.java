package io.switchboard.bench.scenario;

import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.SendCommand;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes send commands straight to {@code send-commands} (as the ingress would, same serde, key and acks), so the
 * dispatcher can be measured without the ingress in front of it. Commands are spread round-robin over the business
 * numbers, each to a new recipient.
 */
public final class CommandFeeder implements AutoCloseable {

    private final KafkaProducer<String, SendCommand> producer;
    private final AtomicLong failures = new AtomicLong();

    public CommandFeeder(String bootstrap, String registryUrl) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        producer = new KafkaProducer<>(p, Topics.SEND_COMMANDS.keySerde().serializer(),
                Topics.SEND_COMMANDS.valueSerde(registryUrl).serializer());
    }

    /** Writes {@code count} template commands over {@code numbers}; returns once all are acknowledged. */
    public long feed(List<String> numbers, long count, String recipientPrefix) {
        for (long i = 0; i < count; i++) {
            String number = numbers.get((int) (i % numbers.size()));
            String recipient = Samples.recipient(recipientPrefix, i);
            SendCommand command = Samples.templateCommand(UUID.randomUUID().toString(), "bench-" + number, number,
                    recipient);
            producer.send(new ProducerRecord<>(Topics.SEND_COMMANDS.name(), Topics.sendCommandKey(number, recipient),
                    command), (meta, error) -> {
                        if (error != null) {
                            failures.incrementAndGet();
                        }
                    });
        }
        producer.flush();
        return failures.get();
    }

    @Override
    public void close() {
        producer.close();
    }
}

package io.switchboard.ingress.kafka;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.switchboard.ingress.IngressConfiguration;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.SendCommand;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The send-commands producer: acks=all and idempotent (an accepted message is on every in-sync replica exactly once),
 * a tiny linger (each HTTP request waits for its own record), and delivery/blocking bounded by
 * {@code kafka-ack-timeout} so the producer gives up about when the client is told 503.
 */
@Factory
public class SendCommandProducerFactory {

    @Singleton
    @Bean(preDestroy = "close")
    public SendCommandPublisher sendCommandPublisher(KafkaSettings kafka, IngressConfiguration config) {
        Producer<String, SendCommand> producer = new KafkaProducer<>(producerConfig(kafka, config),
                Topics.SEND_COMMANDS.keySerde().serializer(),
                Topics.SEND_COMMANDS.valueSerde(kafka.registryUrl()).serializer());
        return new SendCommandPublisher(producer, config.getKafkaAckTimeout());
    }

    static Map<String, Object> producerConfig(KafkaSettings kafka, IngressConfiguration config) {
        long ackTimeout = Math.max(10, config.getKafkaAckTimeout().toMillis());
        long linger = Math.min(config.getProducerLinger().toMillis(), ackTimeout / 4);
        Map<String, Object> props = new HashMap<>(kafka.clientConfig());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "api-ingress-send-commands");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, Long.toString(linger));
        // Kafka requires delivery.timeout.ms >= linger.ms + request.timeout.ms.
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(ackTimeout));
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(Math.max(1, (ackTimeout - linger) / 2)));
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(ackTimeout));
        return props;
    }
}

package io.switchboard.ingress.support;

import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.InboundMessage;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Customers' messages on inbound-messages, as webhook-ingest publishes them, for the inbox and media tests. */
public final class InboundMessages {

    private InboundMessages() {
    }

    /** A random Indian mobile number, so each test has senders of its own. */
    public static String customer() {
        return "+91" + (9_000_000_000L + (long) (Math.random() * 999_999_999L));
    }

    /** A message to the business number 15550783881 (profile "Aditi Rao"), sent a second before it was received. */
    public static InboundMessage.Builder message(String phoneNumberId, String from, String wamid, Instant receivedAt,
                                                 String type) {
        return InboundMessage.newBuilder().setWamid(wamid).setPhoneNumberId(phoneNumberId)
                .setDisplayPhoneNumber("15550783881").setFrom(from).setProfileName("Aditi Rao")
                .setSentAt(receivedAt.minusSeconds(1)).setReceivedAt(receivedAt).setType(type);
    }

    /** Publishes with the catalogue's key and serde and waits for the acknowledgement. */
    public static void publish(InboundMessage message) {
        Map<String, Object> props = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafka().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, InboundMessage> producer = new KafkaProducer<>(props,
                Topics.INBOUND_MESSAGES.keySerde().serializer(),
                Topics.INBOUND_MESSAGES.valueSerde(TestInfrastructure.registryUrl()).serializer())) {
            producer.send(new ProducerRecord<>(Topics.INBOUND_MESSAGES.name(),
                    Topics.inboundKey(message.getPhoneNumberId(), message.getFrom()), message)).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish an inbound message", e);
        }
    }
}

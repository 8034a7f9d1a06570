package io.switchboard.ingress.window;

import static io.switchboard.ingress.support.IngressApp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.ingress.support.CloudApiPeer;
import io.switchboard.ingress.support.IngressApp;
import io.switchboard.ingress.support.Seeds;
import io.switchboard.ingress.support.SendCommandsProbe;
import io.switchboard.ingress.support.TestInfrastructure;
import io.switchboard.ingress.templates.TemplateStore;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.InboundMessage;
import io.switchboard.schemas.avro.Permission;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The 24-hour customer-service window: free-form messages are refused until the customer writes (an InboundMessage
 * on inbound-messages), templates always go.
 */
public class CustomerWindowTest {

    private static final String CUSTOMER = "+4915112345678";
    private static CloudApiPeer peer;
    private static IngressApp app;
    private static String key;

    @BeforeAll
    static void start() {
        peer = new CloudApiPeer();
        Map<String, Object> config = new HashMap<>(peer.config());
        config.put("switchboard.ingress.enforce-window", true);
        app = IngressApp.start(config);
        key = app.createKey(1000, Permission.SEND_TEXT, Permission.SEND_TEMPLATE);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> app.context().getBean(TemplateStore.class).ofAccount(app.accountId()).size() == 8);
    }

    @AfterAll
    static void stop() {
        app.close();
        peer.close();
    }

    private static String text(String to) {
        return "{\"to\":\"" + to + "\",\"message\":\"Your table is ready\"}";
    }

    @Test
    void freeFormIsRefusedUntilTheCustomerWritesThenAccepted() {
        String key = app.createKey(1000, Permission.SEND_TEXT);
        HttpResponse<String> refused = app.post("/messages/text", key, text(CUSTOMER));

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(json(refused).get("error").get("code").asText()).isEqualTo("OUTSIDE_CUSTOMER_SERVICE_WINDOW");
        assertThat(json(refused).get("error").get("message").asText()).contains("Send an approved template instead");
        // A refusal consumes no quota.
        assertThat(json(refused).get("meta").get("rate_limit").get("remaining").asInt()).isEqualTo(1000);
        String list = Seeds.read("003-list-product-catalog.json").replace("+919876543210", CUSTOMER);
        assertThat(app.post("/messages/interactive/list", key, list).statusCode()).isEqualTo(422);

        customerWrites(app.phoneNumberId(), CUSTOMER, Instant.now());

        await("window opened").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                .until(() -> app.post("/messages/text", key, text(CUSTOMER)).statusCode() == 202);
        assertThat(app.post("/messages/interactive/list", key, list).statusCode()).isEqualTo(202);
    }

    @Test
    void aWindowOfAnotherBusinessNumberDoesNotCount() {
        String customer = "+4915112340000";
        customerWrites("999000111", customer, Instant.now());
        customerWrites(app.phoneNumberId(), "+4915112341111", Instant.now());
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                .until(() -> app.post("/messages/text", key, text("+4915112341111")).statusCode() == 202);

        assertThat(app.post("/messages/text", key, text(customer)).statusCode()).isEqualTo(422);
    }

    @Test
    void templatesNeedNoWindow() {
        try (SendCommandsProbe probe = new SendCommandsProbe()) {
            HttpResponse<String> response = app.post("/messages/template/send", key, """
                    {"to":"+4915199999999","template_name":"order_confirmation","language":"en",
                     "variables":{"customer_name":"Jo","order_id":"A-1","total":"5"}}""");

            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            String id = json(response).get("data").get("message_id").asText();
            await().atMost(Duration.ofSeconds(10)).until(() -> probe.find(id) != null);
        }
    }

    @Test
    void theInboundConsumersLagIsExportedAndFallsToZeroOnceCaughtUp() {
        customerWrites(app.phoneNumberId(), "+4915112342222", Instant.now());
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                .until(() -> app.post("/messages/text", key, text("+4915112342222")).statusCode() == 202);

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(app.send("GET", "/prometheus", null).body()).containsPattern(
                        "switchboard_ingress_consumer_lag\\{group=\"[^\"]+\",topic=\"inbound-messages\"\\} 0\\.0"));
    }

    public static void customerWrites(String phoneNumberId, String from, Instant sentAt) {
        InboundMessage message = InboundMessage.newBuilder().setWamid("wamid.in-" + System.nanoTime())
                .setPhoneNumberId(phoneNumberId).setFrom(from).setSentAt(sentAt).setReceivedAt(Instant.now())
                .setType("text").setText("Is my table ready?").setRawJson("{\"type\":\"text\"}").build();
        Map<String, Object> props = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafka().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, InboundMessage> producer = new KafkaProducer<>(props,
                Topics.INBOUND_MESSAGES.keySerde().serializer(),
                Topics.INBOUND_MESSAGES.valueSerde(TestInfrastructure.registryUrl()).serializer())) {
            producer.send(new ProducerRecord<>(Topics.INBOUND_MESSAGES.name(),
                    Topics.inboundKey(phoneNumberId, from), message)).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish an inbound message", e);
        }
    }
}

package io.switchboard.simulator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.switchboard.simulator.SimulatorHttp.PHONE_NUMBER_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Status webhooks posted over real HTTP to a real receiver, signed as Meta signs them. */
class StatusWebhooksTest {

    private static final String APP_SECRET = "test-app-secret";
    private static final String WABA_ID = "200000000000002";
    private static final int MAX_ATTEMPTS = 4;

    private static SimulatorWithReceiver simulator;
    private static WebhookReceiver receiver;
    private static SimulatorHttp http;

    @BeforeAll
    static void start() {
        simulator = SimulatorWithReceiver.start(Map.of(
                "simulator.app-secret", APP_SECRET,
                "simulator.waba-id", WABA_ID,
                "simulator.display-phone-number", "15550783881",
                "simulator.status-delay", "20ms",
                "simulator.webhook-retry-delay", "50ms",
                "simulator.webhook-max-attempts", MAX_ATTEMPTS,
                // These tests send free-form messages to customers who never wrote: no window to enforce.
                "simulator.window.mode", "off"));
        receiver = simulator.receiver();
        http = simulator.http();
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void postsSignedSentDeliveredAndReadInOrderEchoingTheCallbackData() {
        long before = Instant.now().getEpochSecond();
        String wamid = http.wamidOf(http.send(text("+919876543210", "msg-42")));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(receiver.receivedFor(wamid)).hasSize(3));

        List<WebhookReceiver.Received> posts = receiver.receivedFor(wamid);
        assertThat(posts).extracting(post -> statusOf(post).get("status")).containsExactly("sent", "delivered", "read");
        for (WebhookReceiver.Received post : posts) {
            assertThat(post.signature()).isEqualTo("sha256=" + hmacHex(APP_SECRET, post.body()));
            assertThat(post.contentType()).isEqualTo("application/json");
        }
        Map<String, Object> notification = http.parse(posts.get(0).text());
        assertThat(notification.get("object")).isEqualTo("whatsapp_business_account");
        Map<String, Object> entry = ((List<Map<String, Object>>) notification.get("entry")).get(0);
        assertThat(entry.get("id")).isEqualTo(WABA_ID);
        Map<String, Object> change = ((List<Map<String, Object>>) entry.get("changes")).get(0);
        assertThat(change.get("field")).isEqualTo("messages");
        Map<String, Object> value = (Map<String, Object>) change.get("value");
        assertThat(value.get("messaging_product")).isEqualTo("whatsapp");
        assertThat(value.get("metadata")).isEqualTo(Map.of("display_phone_number", "15550783881",
                "phone_number_id", PHONE_NUMBER_ID));
        for (WebhookReceiver.Received post : posts) {
            Map<String, Object> status = statusOf(post);
            assertThat(status).containsEntry("id", wamid).containsEntry("recipient_id", "919876543210")
                    .containsEntry("biz_opaque_callback_data", "msg-42");
            assertThat(Long.parseLong((String) status.get("timestamp")))
                    .isBetween(before, Instant.now().getEpochSecond());
        }
        assertThat(statusOf(posts.get(0)).get("pricing")).isEqualTo(Map.of("billable", false,
                "pricing_model", "PMP", "type", "free_customer_service", "category", "service"));
        assertThat(statusOf(posts.get(1))).containsKey("pricing");
        assertThat(statusOf(posts.get(2))).doesNotContainKey("pricing");
    }

    @Test
    void postsOnlySentForAReaction() {
        String wamid = http.wamidOf(http.send("{\"messaging_product\":\"whatsapp\",\"to\":\"+14155550100\","
                + "\"type\":\"reaction\",\"reaction\":{\"message_id\":\"wamid.INBOUND\",\"emoji\":\"👍\"}}"));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(receiver.receivedFor(wamid)).hasSize(1));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(receiver.receivedFor(wamid)).hasSize(1));
        assertThat(statusOf(receiver.receivedFor(wamid).get(0))).containsEntry("status", "sent");
    }

    @Test
    void redeliversTheSameSignedBodyWhenTheReceiverAnswers500() {
        String marker = "retry-" + UUID.randomUUID();
        receiver.failFirst(marker, 1);

        http.send(text("+919876543210", marker));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(receiver.receivedFor(marker))
                .extracting(post -> statusOf(post).get("status"))
                .containsExactlyInAnyOrder("sent", "sent", "delivered", "read"));
        List<WebhookReceiver.Received> sent = receiver.receivedFor(marker).stream()
                .filter(post -> "sent".equals(statusOf(post).get("status"))).toList();
        assertThat(sent).extracting(WebhookReceiver.Received::answeredWith).containsExactly(500, 200);
        assertThat(sent.get(1).body()).isEqualTo(sent.get(0).body());
        assertThat(sent.get(1).signature()).isEqualTo(sent.get(0).signature());
    }

    @Test
    void givesUpAfterTheConfiguredNumberOfAttempts() {
        String marker = "down-" + UUID.randomUUID();
        receiver.failFirst(marker, 1000);

        http.send(text("+919876543210", marker));

        int expected = 3 * MAX_ATTEMPTS;
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(receiver.receivedFor(marker)).hasSize(expected));
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(3))
                .untilAsserted(() -> assertThat(receiver.receivedFor(marker)).hasSize(expected));
        assertThat(receiver.receivedFor(marker)).allMatch(post -> post.answeredWith() == 500);
    }

    private static String text(String to, String callbackData) {
        return "{\"messaging_product\":\"whatsapp\",\"to\":\"" + to + "\",\"type\":\"text\",\"text\":{\"body\":"
                + "\"Your order shipped\"},\"biz_opaque_callback_data\":\"" + callbackData + "\"}";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> statusOf(WebhookReceiver.Received post) {
        Map<String, Object> entry = ((List<Map<String, Object>>) http.parse(post.text()).get("entry")).get(0);
        Map<String, Object> change = ((List<Map<String, Object>>) entry.get("changes")).get(0);
        Map<String, Object> value = (Map<String, Object>) change.get("value");
        return ((List<Map<String, Object>>) value.get("statuses")).get(0);
    }

    private static String hmacHex(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.switchboard.simulator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Status webhook faults, each struck once by count, seen by a real receiver. */
class WebhookFaultsTest {

    private static SimulatorWithReceiver simulator;
    private static WebhookReceiver receiver;
    private static SimulatorHttp http;

    @BeforeAll
    static void start() {
        simulator = SimulatorWithReceiver.start(Map.of(
                "simulator.status-delay", "20ms",
                "simulator.window.mode", "off"));
        receiver = simulator.receiver();
        http = simulator.http();
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void skipsDeliveredSoReadArrivesAlone() {
        http.method("PUT", "/_sim/faults", "{\"webhooks\":{\"skip_delivered\":{\"count\":1}}}");
        String marker = sendMarked();

        assertStatusesSettleAs(marker, "sent", "read");
    }

    @Test
    void postsOneStatusTwiceWithTheSameBytesAndSignature() {
        http.method("PUT", "/_sim/faults", "{\"webhooks\":{\"duplicate\":{\"count\":1}}}");
        String marker = sendMarked();

        assertStatusesSettleAs(marker, "sent", "delivered", "delivered", "read");
        List<WebhookReceiver.Received> posts = receiver.receivedFor(marker);
        assertThat(posts.get(2).body()).isEqualTo(posts.get(1).body());
        assertThat(posts.get(2).signature()).isEqualTo(posts.get(1).signature());
    }

    @Test
    void reordersReadBeforeDelivered() {
        http.method("PUT", "/_sim/faults", "{\"webhooks\":{\"reorder\":{\"count\":1}}}");
        String marker = sendMarked();

        assertStatusesSettleAs(marker, "sent", "read", "delivered");
    }

    @Test
    @SuppressWarnings("unchecked")
    void failsAfterSentWithErrorsOfTheConfiguredCode() {
        http.method("PUT", "/_sim/faults", "{\"webhooks\":{\"fail\":{\"count\":1}}}");
        String marker = sendMarked();

        assertStatusesSettleAs(marker, "sent", "failed");
        Map<String, Object> failed = statusOf(receiver.receivedFor(marker).get(1));
        assertThat(failed).containsEntry("biz_opaque_callback_data", marker).doesNotContainKey("pricing");
        Map<String, Object> error = ((List<Map<String, Object>>) failed.get("errors")).get(0);
        assertThat(error).containsEntry("code", 131026).containsEntry("title", "Message Undeliverable");
        assertThat(((Map<String, Object>) error.get("error_data")).get("details")).asString()
                .startsWith("Unable to deliver message.");

        http.method("PUT", "/_sim/faults", "{\"webhooks\":{\"fail\":{\"count\":1,\"code\":131049,"
                + "\"after_sent\":false}}}");
        String instead = sendMarked();
        assertStatusesSettleAs(instead, "failed");
        assertThat(receiver.receivedFor(instead).get(0).text()).contains("\"code\":131049");
    }

    @Test
    void skipsEveryStatusOfAnAcceptedSend() {
        http.method("PUT", "/_sim/faults", "{\"webhooks\":{\"skip_all\":{\"count\":1}}}");
        String skipped = sendMarked();
        String next = sendMarked();

        assertStatusesSettleAs(next, "sent", "delivered", "read");
        assertThat(receiver.receivedFor(skipped)).isEmpty();
    }

    @Test
    void addsTheExtraDelayToEveryGapBetweenStatuses() {
        http.method("PUT", "/_sim/faults", "{\"webhooks\":{\"delay_ms\":300}}");
        long start = System.nanoTime();
        String marker = sendMarked();

        await().atMost(Duration.ofSeconds(10)).until(() -> statusesOf(marker).size() == 3);
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(3 * 320L);
        assertThat(statusesOf(marker)).containsExactly("sent", "delivered", "read");
    }

    private static String sendMarked() {
        String marker = "msg-" + UUID.randomUUID();
        assertThat(http.send("{\"messaging_product\":\"whatsapp\",\"to\":\"+919876543210\",\"type\":\"text\","
                + "\"text\":{\"body\":\"Your order shipped\"},\"biz_opaque_callback_data\":\"" + marker + "\"}")
                .statusCode()).isEqualTo(200);
        return marker;
    }

    private static void assertStatusesSettleAs(String marker, String... statuses) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(statusesOf(marker))
                .containsExactly(statuses));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(3))
                .untilAsserted(() -> assertThat(statusesOf(marker)).containsExactly(statuses));
    }

    private static List<Object> statusesOf(String marker) {
        return receiver.receivedFor(marker).stream().map(post -> statusOf(post).get("status")).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> statusOf(WebhookReceiver.Received post) {
        Map<String, Object> entry = ((List<Map<String, Object>>) http.parse(post.text()).get("entry")).get(0);
        Map<String, Object> change = ((List<Map<String, Object>>) entry.get("changes")).get(0);
        Map<String, Object> value = (Map<String, Object>) change.get("value");
        return ((List<Map<String, Object>>) value.get("statuses")).get(0);
    }
}

package io.switchboard.simulator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.switchboard.simulator.InboundAndWindowTest.first;
import static io.switchboard.simulator.InboundAndWindowTest.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code simulator.window.mode: webhook}: a free-form send outside the window is accepted, then fails by webhook. */
class WindowWebhookModeTest {

    private static SimulatorWithReceiver simulator;
    private static WebhookReceiver receiver;
    private static SimulatorHttp http;

    @BeforeAll
    static void start() {
        simulator = SimulatorWithReceiver.start(Map.of(
                "simulator.status-delay", "20ms",
                "simulator.window.mode", "webhook"));
        receiver = simulator.receiver();
        http = simulator.http();
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void acceptsTheSendThenPostsOnlyAFailedStatusWith131047() {
        HttpResponse<String> response = http.send("{\"messaging_product\":\"whatsapp\",\"to\":\"+919811111111\","
                + "\"type\":\"text\",\"text\":{\"body\":\"Hello\"},\"biz_opaque_callback_data\":\"msg-77\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        String wamid = http.wamidOf(response);
        await().atMost(Duration.ofSeconds(5)).until(() -> !receiver.receivedFor(wamid).isEmpty());
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2))
                .until(() -> receiver.receivedFor(wamid).size() == 1);
        Map<String, Object> value = map(first(first(http.parse(receiver.receivedFor(wamid).get(0).text()), "entry"),
                "changes"), "value");
        Map<String, Object> status = first(value, "statuses");
        assertThat(status).containsEntry("id", wamid).containsEntry("status", "failed")
                .containsEntry("recipient_id", "919811111111").containsEntry("biz_opaque_callback_data", "msg-77")
                .doesNotContainKey("pricing");
        assertThat(status.get("errors")).isEqualTo(List.of(Map.of("code", 131047, "title", "Re-engagement message",
                "message", "Re-engagement message", "error_data", Map.of("details", GraphError.RE_ENGAGEMENT_DETAILS),
                "href", "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/")));
    }

    @Test
    void sendsNormallyInsideTheWindow() {
        http.post("/_sim/inbound", null, "{\"from\":\"+919811111112\",\"text\":\"Hi\"}");

        String wamid = http.wamidOf(http.send("{\"messaging_product\":\"whatsapp\",\"to\":\"+919811111112\","
                + "\"type\":\"text\",\"text\":{\"body\":\"Hello\"}}"));

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(receiver.receivedFor(wamid))
                .extracting(post -> first(map(first(first(http.parse(post.text()), "entry"), "changes"), "value"),
                        "statuses").get("status"))
                .containsExactly("sent", "delivered", "read"));
    }
}

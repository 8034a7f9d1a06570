package io.switchboard.simulator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Status webhooks batched per business number ({@code status-batch-size} > 1), over real HTTP to a real receiver. */
class StatusBatchingTest {

    private static final String APP_SECRET = "batch-app-secret";
    private static final String OTHER_NUMBER = "106540352242999";

    private static SimulatorWithReceiver simulator;
    private static WebhookReceiver receiver;
    private static SimulatorHttp http;

    @BeforeAll
    static void start() {
        simulator = SimulatorWithReceiver.start(Map.of(
                "simulator.app-secret", APP_SECRET,
                "simulator.status-delay", "20ms",
                "simulator.status-batch-size", 3,
                // Long enough that three sends in a row fill a batch before its timer fires.
                "simulator.status-batch-wait", "2s",
                "simulator.window.mode", "off"));
        receiver = simulator.receiver();
        http = simulator.http();
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void statusesOfOneNumberArriveTogetherInOnePostsStatusesEachMessageStillInOrder() {
        String marker = "batch-" + UUID.randomUUID();
        List<String> wamids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            wamids.add(http.wamidOf(http.send(text("+91987654321" + i, marker))));
        }

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(receiver.receivedFor(marker).stream().mapToInt(post -> statusesOf(post).size()).sum())
                        .isEqualTo(9));

        List<WebhookReceiver.Received> posts = receiver.receivedFor(marker);
        assertThat(posts).allSatisfy(post -> assertThat(post.signature())
                .isEqualTo(WebhookDeliverer.signature(APP_SECRET, post.body())));
        assertThat(posts).extracting(post -> statusesOf(post).size()).containsExactly(3, 3, 3);
        for (String wamid : wamids) {
            List<Object> order = posts.stream().flatMap(post -> statusesOf(post).stream())
                    .filter(status -> wamid.equals(status.get("id"))).map(status -> status.get("status")).toList();
            assertThat(order).containsExactly("sent", "delivered", "read");
        }
    }

    @Test
    void aLoneStatusGoesOutWhenItsBatchTimesOut() {
        String marker = "alone-" + UUID.randomUUID();

        String wamid = http.wamidOf(http.sendFrom(OTHER_NUMBER, text("+14155550100", marker)));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(receiver.receivedFor(marker))
                .extracting(post -> statusesOf(post).size()).containsExactly(1, 1, 1));
        assertThat(receiver.receivedFor(marker)).extracting(post -> statusesOf(post).get(0).get("id"))
                .containsOnly(wamid);
    }

    private static String text(String to, String callbackData) {
        return "{\"messaging_product\":\"whatsapp\",\"to\":\"" + to + "\",\"type\":\"text\",\"text\":{\"body\":"
                + "\"Your order shipped\"},\"biz_opaque_callback_data\":\"" + callbackData + "\"}";
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> statusesOf(WebhookReceiver.Received post) {
        Map<String, Object> entry = ((List<Map<String, Object>>) http.parse(post.text()).get("entry")).get(0);
        Map<String, Object> change = ((List<Map<String, Object>>) entry.get("changes")).get(0);
        Map<String, Object> value = (Map<String, Object>) change.get("value");
        return (List<Map<String, Object>>) value.get("statuses");
    }
}

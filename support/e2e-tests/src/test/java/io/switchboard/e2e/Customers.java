package io.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.local.Platform;
import java.time.Duration;

/**
 * Customers acting through the simulator, as on a phone: a customer who writes to the business opens the 24-hour
 * window in which free-form messages may be sent to them. The inbound message travels the real path (signed webhook,
 * webhook-ingest, inbound-messages, the ingress's window writer into Redis), so the test waits until the API sees the
 * window, asking in simulate mode (which checks everything and queues nothing).
 */
final class Customers {

    private Customers() {
    }

    static void writeToTheBusiness(Platform platform, String phone) {
        Http.Answer answer = Http.post(platform.simulatorUrl() + "/_sim/inbound", null,
                "{\"from\":\"" + phone + "\",\"text\":\"Hi\"}");
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(Http.post(platform.apiUrl() + "/messages/text?simulate=true", RunningPlatform.API_KEY,
                        "{\"to\":\"" + phone + "\",\"message\":\"window check\"}").status()).isEqualTo(200));
    }
}

package io.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.local.Platform;

/**
 * Customers acting through the simulator, as on a phone: a customer who writes to the business opens the 24-hour
 * window in which free-form messages may be sent to them. The inbound message travels the real path (signed webhook,
 * webhook-ingest, inbound-messages).
 */
final class Customers {

    private Customers() {
    }

    static void writeToTheBusiness(Platform platform, String phone) {
        Http.Answer answer = Http.post(platform.simulatorUrl() + "/_sim/inbound", null,
                "{\"from\":\"" + phone + "\",\"text\":\"Hi\"}");
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
    }
}

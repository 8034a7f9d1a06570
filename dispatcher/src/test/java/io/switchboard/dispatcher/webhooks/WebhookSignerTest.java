package io.switchboard.dispatcher.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {

    private static final String BODY = "{\"event\":\"message.status\",\"data\":{\"message_id\":\"m1\"}}";

    @Test
    void ourSignatureIsTheOneTheStandardWebhooksReferenceLibraryComputesAndVerifies() throws Exception {
        String secret = WebhookFixtures.newSecret();
        long now = Instant.now().getEpochSecond();
        String signature = WebhookSigner.sign(secret, "msg_1", now, BODY);

        assertThat(signature).isEqualTo(new Webhook(secret).sign("msg_1", now, BODY));
        new Webhook(secret).verify(BODY, headers("msg_1", now, signature));
    }

    @Test
    void aChangedBodyIdOrSecretFailsVerification() throws Exception {
        String secret = WebhookFixtures.newSecret();
        long now = Instant.now().getEpochSecond();
        String signature = WebhookSigner.sign(secret, "msg_1", now, BODY);

        assertThatThrownBy(() -> new Webhook(secret).verify(BODY + " ", headers("msg_1", now, signature)))
                .isInstanceOf(WebhookVerificationException.class);
        assertThatThrownBy(() -> new Webhook(secret).verify(BODY, headers("msg_2", now, signature)))
                .isInstanceOf(WebhookVerificationException.class);
        assertThatThrownBy(() -> new Webhook(WebhookFixtures.newSecret()).verify(BODY,
                headers("msg_1", now, signature))).isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void webhookIdsAreDeterministicPerEndpointAndEvent() {
        String id = WebhookSigner.webhookId("we_1", "m1:SENT");
        assertThat(id).matches("msg_[0-9a-f]{32}").isEqualTo(WebhookSigner.webhookId("we_1", "m1:SENT"));
        assertThat(id).isNotEqualTo(WebhookSigner.webhookId("we_2", "m1:SENT"))
                .isNotEqualTo(WebhookSigner.webhookId("we_1", "m1:DELIVERED"));
    }

    private static Map<String, List<String>> headers(String id, long timestamp, String signature) {
        return Map.of("webhook-id", List.of(id), "webhook-timestamp", List.of(Long.toString(timestamp)),
                "webhook-signature", List.of(signature));
    }
}

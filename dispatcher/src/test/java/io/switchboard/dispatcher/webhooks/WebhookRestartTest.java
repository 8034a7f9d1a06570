package io.switchboard.dispatcher.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.standardwebhooks.Webhook;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.MessageState;
import io.switchboard.schemas.avro.WebhookEndpoint;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A parked event survives a restart of the delivering service: the dispatcher is stopped while the event waits for
 * its retry, a new one starts with the same consumer groups, and the event arrives, signed, with its original
 * webhook-id.
 */
class WebhookRestartTest {

    @Test
    void anEventPendingRetryIsDeliveredByTheNextDispatcherWithTheSameWebhookId() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String accountId = "acct_restart_" + run;
        String secret = WebhookFixtures.newSecret();
        try (WebhookReceiver receiver = new WebhookReceiver();
             WebhookEnvironment env = new WebhookEnvironment(Map.of("switchboard.webhooks.retry-schedule",
                     "3s,1s,1s"))) {
            receiver.behave(n -> 503);
            WebhookEndpoint endpoint = WebhookFixtures.endpoint(accountId, receiver.url(), secret,
                    List.of("message.status"));
            env.produce(Topics.ACCOUNTS, accountId, WebhookFixtures.account(accountId, "1065" + run.hashCode()));
            env.produce(Topics.WEBHOOK_ENDPOINTS, endpoint.getEndpointId(), endpoint);
            env.start();

            String messageId = UUID.randomUUID().toString();
            env.produce(Topics.MESSAGE_STATUS, messageId, WebhookFixtures.status(accountId, messageId,
                    MessageState.QUEUED, MessageState.SENT));
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.requests().size() == 1);
            env.stop();

            receiver.behave(n -> 200);
            env.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> !receiver.delivered().isEmpty());
            String expectedId = WebhookSigner.webhookId(endpoint.getEndpointId(), messageId + ":SENT");
            assertThat(receiver.requests()).allSatisfy(r -> assertThat(r.header("webhook-id")).isEqualTo(expectedId));
            WebhookReceiver.Received delivered = receiver.delivered().get(0);
            new Webhook(secret).verify(delivered.body(), delivered.headers());
            assertThat(delivered.body()).contains("\"status\":\"sent\"").contains(messageId);
        }
    }
}

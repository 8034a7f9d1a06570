package io.switchboard.dispatcher.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.MessageState;
import io.switchboard.schemas.avro.WebhookEndpoint;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The customer-webhook metrics as Prometheus scrapes them after traffic: the backlog of a slow endpoint (one call
 * at a time, each held past the request timeout) under its own label and the rest as "other", and the consumer lag
 * of the fan-out (statuses, inbound messages) and of delivery, back to zero once everything was read.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookMetricsTest {

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String accountId = "acct_metrics_" + run;
    private final String phoneNumberId = "1090" + Math.abs(run.hashCode());
    private WebhookEnvironment env;
    private WebhookReceiver slow;
    private WebhookEndpoint endpoint;

    @BeforeAll
    void start() throws Exception {
        env = new WebhookEnvironment(Map.of("switchboard.webhooks.max-concurrency-per-endpoint", 1,
                "switchboard.webhooks.metrics-interval", "100ms",
                "switchboard.webhooks.fanout-group-id", "webhooks-fanout-metrics-" + run,
                "switchboard.webhooks.group-id", "webhooks-metrics-" + run));
        slow = new WebhookReceiver().behave(n -> 0);
        endpoint = WebhookFixtures.endpoint(accountId, slow.url(), WebhookFixtures.newSecret(),
                List.of("message.status", "message.received"));
        env.produce(Topics.ACCOUNTS, accountId, WebhookFixtures.account(accountId, phoneNumberId));
        env.produce(Topics.WEBHOOK_ENDPOINTS, endpoint.getEndpointId(), endpoint);
        env.start();
    }

    @AfterAll
    void stop() {
        env.close();
        slow.close();
    }

    @Test
    void theBacklogPerEndpointAndTheConsumersLagAreScrapedAfterTraffic() throws Exception {
        for (int i = 0; i < 6; i++) {
            String messageId = UUID.randomUUID().toString();
            env.produce(Topics.MESSAGE_STATUS, messageId, WebhookFixtures.status(accountId, messageId,
                    MessageState.QUEUED, MessageState.SENT));
        }
        env.produce(Topics.INBOUND_MESSAGES, Topics.inboundKey(phoneNumberId, "+919876543210"),
                WebhookFixtures.listReply(phoneNumberId));

        await().atMost(Duration.ofSeconds(20)).until(() -> value(scrape(), "webhooks_backlog",
                "endpoint=\"" + endpoint.getEndpointId() + "\"").orElse(0) >= 2);
        String scraped = scrape();
        assertThat(value(scraped, "webhooks_backlog", "endpoint=\"other\"")).hasValue(0);
        String fanout = "group=\"webhooks-fanout-metrics-" + run + "\"";
        String delivery = "group=\"webhooks-metrics-" + run + "\"";
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            String now = scrape();
            assertThat(value(now, "webhooks_consumer_lag", fanout, "topic=\"message-status\"")).hasValue(0);
            assertThat(value(now, "webhooks_consumer_lag", fanout, "topic=\"inbound-messages\"")).hasValue(0);
            assertThat(value(now, "webhooks_consumer_lag", delivery, "topic=\"webhook-deliveries\"")).hasValue(0);
            assertThat(value(now, "webhooks_consumer_lag", delivery, "topic=\"webhook-retries\"")).isPresent();
        });
        assertThat(scrape()).contains("webhooks_attempts_total", "webhooks_pending");
    }

    private String scrape() throws Exception {
        var response = env.admin("GET", "/prometheus");
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** The value of the first sample of {@code metric} whose labels contain all of {@code labels}. */
    private static OptionalDouble value(String scrape, String metric, String... labels) {
        Matcher line = Pattern.compile("^" + metric + "\\{([^}]*)} (\\S+)$", Pattern.MULTILINE).matcher(scrape);
        while (line.find()) {
            String found = line.group(1);
            if (java.util.Arrays.stream(labels).allMatch(found::contains)) {
                return OptionalDouble.of(Double.parseDouble(line.group(2)));
            }
        }
        return OptionalDouble.empty();
    }
}

package io.switchboard.dispatcher.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.MessageState;
import io.switchboard.schemas.avro.WebhookEndpoint;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Customer webhooks end to end: real broker, registry and HTTP receivers; signatures checked with the Standard
 * Webhooks reference library. Retry schedule compressed to 1 s steps, disable-after to 4 s.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CustomerWebhooksTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> ALL_EVENTS = List.of("message.status", "message.received");

    private WebhookEnvironment env;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final Fixture seed = new Fixture("seed");
    private final Fixture ordered = new Fixture("ordered");
    private final Fixture healthy = new Fixture("healthy");
    private final Fixture dead = new Fixture("dead");
    private final Fixture replayed = new Fixture("replayed");
    private final Fixture keyed = new Fixture("keyed", "key_a");

    /** An account with its own number, receiver and endpoint. */
    private final class Fixture {
        final String accountId;
        final String phoneNumberId;
        final String secret = WebhookFixtures.newSecret();
        final WebhookReceiver receiver;
        final WebhookEndpoint endpoint;

        Fixture(String name) {
            this(name, null);
        }

        Fixture(String name, String apiKeyId) {
            try {
                accountId = "acct_" + name + "_" + run;
                phoneNumberId = "1065" + Math.abs((name + run).hashCode());
                receiver = new WebhookReceiver();
                WebhookEndpoint plain = WebhookFixtures.endpoint(accountId, receiver.url(), secret, ALL_EVENTS);
                plain.setApiKeyId(apiKeyId);
                endpoint = plain;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        void register() throws Exception {
            env.produce(Topics.ACCOUNTS, accountId, WebhookFixtures.account(accountId, phoneNumberId));
            env.produce(Topics.WEBHOOK_ENDPOINTS, endpoint.getEndpointId(), endpoint);
        }

        List<JsonNode> verifiedBodies() {
            return receiver.delivered().stream().map(r -> {
                try {
                    new Webhook(secret).verify(r.body(), r.headers());
                    return JSON.readTree(r.body());
                } catch (Exception e) {
                    throw new AssertionError("signature did not verify: " + e, e);
                }
            }).toList();
        }
    }

    /** Stands in for the status projector's wamid index. */
    private com.sun.net.httpserver.HttpServer projector;

    @BeforeAll
    void start() throws Exception {
        projector = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        projector.createContext("/internal/wamids/", exchange -> {
            boolean known = exchange.getRequestURI().getPath().endsWith("/wamid.context001");
            byte[] body = (known ? "{\"message_id\":\"6a1c2f0e-order-confirmation\"}"
                    : "{\"code\":\"WAMID_NOT_FOUND\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(known ? 200 : 404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        projector.start();
        env = new WebhookEnvironment(Map.of("switchboard.webhooks.disable-after", "4s",
                "switchboard.webhooks.projector-url", "http://127.0.0.1:" + projector.getAddress().getPort()));
        for (Fixture fixture : List.of(seed, ordered, healthy, dead, replayed, keyed)) {
            fixture.register();
        }
        env.start();
    }

    @AfterAll
    void stop() {
        env.close();
        projector.stop(0);
        for (Fixture fixture : List.of(seed, ordered, healthy, dead, replayed, keyed)) {
            fixture.receiver.close();
        }
    }

    @Test
    void buttonAndListRepliesArriveInSeed003sShapeWithTheirContextSignedPerStandardWebhooks() throws Exception {
        env.produce(Topics.INBOUND_MESSAGES, Topics.inboundKey(seed.phoneNumberId, "+919876543210"),
                WebhookFixtures.buttonReply(seed.phoneNumberId));
        env.produce(Topics.INBOUND_MESSAGES, Topics.inboundKey(seed.phoneNumberId, "+919876543210"),
                WebhookFixtures.listReply(seed.phoneNumberId));

        await().atMost(Duration.ofSeconds(20)).until(() -> seed.receiver.delivered().size() >= 2);
        List<JsonNode> bodies = seed.verifiedBodies();
        assertThat(bodies.get(0)).isEqualTo(JSON.readTree("""
                {"event":"message.received","timestamp":"2025-12-23T14:35:00.000Z","data":{
                 "message_id":"wamid.xyz123","from":"+919876543210","to":"+14155551234",
                 "message":{"type":"button","button":{"text":"Confirm","payload":"confirm_order_12345"}},
                 "context":{"wamid":"wamid.context001","message_id":"6a1c2f0e-order-confirmation"}}}"""));
        assertThat(bodies.get(1)).isEqualTo(JSON.readTree("""
                {"event":"message.received","timestamp":"2025-12-23T14:35:00.000Z","data":{
                 "message_id":"wamid.abc456","from":"+919876543210","to":"+14155551234",
                 "message":{"type":"interactive","interactive":{"type":"list_reply",
                  "list_reply":{"id":"prod_laptop_001","title":"Laptop Pro 15"}}}}}"""));
        assertThat(seed.receiver.delivered().get(0).header("webhook-id"))
                .isEqualTo(WebhookSigner.webhookId(seed.endpoint.getEndpointId(), "wamid.xyz123"));
    }

    @Test
    void statusEventsArriveOncePerTransitionInOrderEvenWhenTheFirstIsRetried() throws Exception {
        // The first two requests fail: "sent" is parked and retried; "delivered" and "read" wait behind it.
        ordered.receiver.behave(n -> n <= 2 ? 503 : 200);
        String messageId = UUID.randomUUID().toString();
        env.produce(Topics.MESSAGE_STATUS, messageId, WebhookFixtures.status(ordered.accountId, messageId,
                MessageState.QUEUED));
        env.produce(Topics.MESSAGE_STATUS, messageId, WebhookFixtures.status(ordered.accountId, messageId,
                MessageState.QUEUED, MessageState.SENT));
        env.produce(Topics.MESSAGE_STATUS, messageId, WebhookFixtures.status(ordered.accountId, messageId,
                MessageState.QUEUED, MessageState.SENT));
        env.produce(Topics.MESSAGE_STATUS, messageId, WebhookFixtures.status(ordered.accountId, messageId,
                MessageState.QUEUED, MessageState.SENT, MessageState.DELIVERED));
        env.produce(Topics.MESSAGE_STATUS, messageId, WebhookFixtures.status(ordered.accountId, messageId,
                MessageState.QUEUED, MessageState.SENT, MessageState.DELIVERED, MessageState.READ));

        await().atMost(Duration.ofSeconds(30)).until(() -> ordered.receiver.delivered().size() >= 3);
        List<String> statuses = ordered.verifiedBodies().stream()
                .map(body -> body.at("/data/status").asText()).toList();
        assertThat(statuses).containsExactly("sent", "delivered", "read");
        JsonNode sent = ordered.verifiedBodies().get(0);
        assertThat(sent.at("/data/message_id").asText()).isEqualTo(messageId);
        assertThat(sent.at("/data/reference").asText()).isEqualTo("order-789");
        assertThat(sent.at("/data/recipient").asText()).isEqualTo("+919876543210");
        // Every attempt of the retried event carried the same webhook-id.
        List<String> sentIds = ordered.receiver.requests().stream()
                .filter(r -> r.body().contains("\"sent\"")).map(r -> r.header("webhook-id")).distinct().toList();
        assertThat(sentIds).hasSize(1);

        String log = env.admin("GET", "/admin/webhooks/deliveries/" + sentIds.get(0)).body();
        JsonNode attempts = JSON.readTree(log).get("attempts");
        assertThat(attempts).hasSizeGreaterThanOrEqualTo(3);
        assertThat(attempts.get(0).get("http_status").asInt()).isEqualTo(503);
        assertThat(attempts.get(attempts.size() - 1).get("outcome").asText()).isEqualTo("DELIVERED");
    }

    @Test
    void aDeadEndpointNeitherDelaysAHealthyOneNorSurvivesItsDisableAfter() throws Exception {
        dead.receiver.behave(n -> 0);
        for (int i = 0; i < 10; i++) {
            String deadId = UUID.randomUUID().toString();
            env.produce(Topics.MESSAGE_STATUS, deadId, WebhookFixtures.status(dead.accountId, deadId,
                    MessageState.QUEUED, MessageState.SENT));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !dead.receiver.requests().isEmpty());
        long started = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            String healthyId = UUID.randomUUID().toString();
            env.produce(Topics.MESSAGE_STATUS, healthyId, WebhookFixtures.status(healthy.accountId, healthyId,
                    MessageState.QUEUED, MessageState.SENT));
        }
        await().atMost(Duration.ofSeconds(3)).until(() -> healthy.receiver.delivered().size() >= 10);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        assertThat(healthy.verifiedBodies()).hasSize(10);

        await().atMost(Duration.ofSeconds(30)).until(() -> healthState(dead.endpoint.getEndpointId())
                .equals("DISABLED"));

        // The account fixes its endpoint and an administrator enables it: deliveries resume.
        dead.receiver.behave(n -> 200);
        WebhookEndpoint enabled = WebhookEndpoint.newBuilder(dead.endpoint).setEnabledAt(java.time.Instant.now())
                .build();
        env.produce(Topics.WEBHOOK_ENDPOINTS, enabled.getEndpointId(), enabled);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            String id = UUID.randomUUID().toString();
            env.produce(Topics.MESSAGE_STATUS, id, WebhookFixtures.status(dead.accountId, id, MessageState.QUEUED,
                    MessageState.SENT));
            return !dead.receiver.delivered().isEmpty();
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> healthState(dead.endpoint.getEndpointId())
                .equals("ACTIVE"));
    }

    @Test
    void anEndpointBoundToAnApiKeyGetsOnlyThatKeysStatusesAndEveryReply() throws Exception {
        String mine = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        var ofOtherKey = WebhookFixtures.status(keyed.accountId, other, MessageState.QUEUED, MessageState.SENT);
        ofOtherKey.setApiKeyId("key_b");
        env.produce(Topics.MESSAGE_STATUS, other, ofOtherKey);
        var ofMyKey = WebhookFixtures.status(keyed.accountId, mine, MessageState.QUEUED, MessageState.SENT);
        ofMyKey.setApiKeyId("key_a");
        env.produce(Topics.MESSAGE_STATUS, mine, ofMyKey);
        env.produce(Topics.INBOUND_MESSAGES, Topics.inboundKey(keyed.phoneNumberId, "+919876543210"),
                WebhookFixtures.listReply(keyed.phoneNumberId));

        await().atMost(Duration.ofSeconds(20)).until(() -> keyed.receiver.delivered().size() >= 2);
        List<String> received = keyed.verifiedBodies().stream()
                .map(b -> b.get("event").asText() + " " + b.at("/data/message_id").asText()).toList();
        assertThat(received).containsExactlyInAnyOrder("message.status " + mine, "message.received wamid.abc456");
    }

    @Test
    void healthAndMetricsReportWebhookDelivery() throws Exception {
        var health = env.admin("GET", "/health");
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        assertThat(JSON.readTree(health.body()).at("/details/webhooks/status").asText()).isEqualTo("UP");
        await().atMost(Duration.ofSeconds(20)).until(() -> env.admin("GET", "/prometheus").body()
                .contains("webhooks_attempts_total"));
    }

    @Test
    void aReplayOfATimeRangeSendsTheEndpointsEventsAgainWithTheirWebhookIds() throws Exception {
        java.time.Instant from = java.time.Instant.now().minusSeconds(1);
        String messageId = UUID.randomUUID().toString();
        env.produce(Topics.MESSAGE_STATUS, messageId, WebhookFixtures.status(replayed.accountId, messageId,
                MessageState.QUEUED, MessageState.SENT));
        await().atMost(Duration.ofSeconds(20)).until(() -> replayed.receiver.delivered().size() == 1);

        var answer = env.admin("POST", "/admin/webhooks/endpoints/" + replayed.endpoint.getEndpointId()
                + "/replay?from=" + from);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(JSON.readTree(answer.body()).get("replayed").asInt()).isEqualTo(1);

        await().atMost(Duration.ofSeconds(20)).until(() -> replayed.receiver.delivered().size() == 2);
        assertThat(replayed.verifiedBodies()).hasSize(2);
        List<String> ids = replayed.receiver.delivered().stream().map(r -> r.header("webhook-id")).distinct()
                .toList();
        assertThat(ids).containsExactly(WebhookSigner.webhookId(replayed.endpoint.getEndpointId(),
                messageId + ":SENT"));
        await().atMost(Duration.ofSeconds(10)).until(() -> JSON.readTree(env.admin("GET",
                "/admin/webhooks/deliveries/" + ids.get(0)).body()).get("attempts").size() == 2);
        assertThat(env.admin("GET", "/admin/webhooks/deliveries/" + ids.get(0)).body()).contains("\"replay\":true");
        assertThat(env.admin("GET", "/admin/webhooks/deliveries/msg_unknown").statusCode()).isEqualTo(404);
    }

    private String healthState(String endpointId) throws Exception {
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String,
                io.switchboard.schemas.avro.WebhookEndpointHealth>(Map.of("bootstrap.servers",
                env.kafka.bootstrapServers()), Topics.WEBHOOK_ENDPOINT_HEALTH.keySerde().deserializer(),
                Topics.WEBHOOK_ENDPOINT_HEALTH.valueSerde(env.registry.url()).deserializer())) {
            var partition = new org.apache.kafka.common.TopicPartition(Topics.WEBHOOK_ENDPOINT_HEALTH.name(), 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            String state = "NONE";
            while (consumer.position(partition) < end) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key().equals(endpointId) && record.value() != null) {
                        state = record.value().getState();
                    }
                }
            }
            return state;
        }
    }
}

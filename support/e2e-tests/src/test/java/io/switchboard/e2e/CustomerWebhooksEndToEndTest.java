package io.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpServer;
import io.switchboard.local.Platform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Customer webhooks through the whole platform: an endpoint configured on the admin API receives, signed per Standard
 * Webhooks (checked with the reference library), the customer's inbound message in seed 003's shape and the
 * message's statuses in order (sent, delivered, read), each event with one webhook id.
 */
class CustomerWebhooksEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CUSTOMER = "+919876500031";

    private final Platform platform = RunningPlatform.get();
    private final String admin = platform.apiUrl().replace("/api/v1/external", "/api/v1/admin");
    private final List<Delivery> received = new CopyOnWriteArrayList<>();
    private HttpServer receiver;

    private record Delivery(Map<String, List<String>> headers, String body) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @AfterEach
    void stopReceiver() {
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void anEndpointGetsSignedInboundAndStatusEventsInOrder() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hooks", exchange -> {
            Map<String, List<String>> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), List.copyOf(values)));
            received.add(new Delivery(headers,
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        Http.Answer created = Http.send("POST", admin + "/webhooks", "Bearer " + RunningPlatform.ADMIN_TOKEN,
                "{\"account_id\":\"demo\",\"url\":\"http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks\","
                        + "\"events\":[\"message.status\",\"message.received\"]}");
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        String secret = created.body().path("data").path("secret").asText();
        assertThat(secret).startsWith("whsec_");

        // The dispatcher learns of the endpoint from a compacted topic: the customer writes until it is heard.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            Http.post(platform.simulatorUrl() + "/_sim/inbound", null,
                    "{\"from\":\"" + CUSTOMER + "\",\"text\":\"Hi, where is my order?\"}");
            return events("message.received").stream().anyMatch(e -> e.json().path("data").path("from").asText()
                    .equals(CUSTOMER));
        });
        JsonNode inbound = events("message.received").get(0).json();
        assertThat(inbound.path("data").path("message").path("type").asText()).isEqualTo("text");
        assertThat(inbound.path("data").path("message").path("text").path("body").asText())
                .isEqualTo("Hi, where is my order?");
        assertThat(inbound.path("data").path("message_id").asText()).startsWith("wamid.");

        Customers.writeToTheBusiness(platform, CUSTOMER);
        String messageId = Http.post(platform.apiUrl() + "/messages/text", RunningPlatform.API_KEY,
                "{\"to\":\"" + CUSTOMER + "\",\"message\":\"Out for delivery today\",\"reference\":\"order-31\"}")
                .body().path("data").path("message_id").asText();

        await().atMost(Duration.ofSeconds(60)).until(() -> statusesOf(messageId).size() >= 3);
        List<Delivery> statuses = statusesOf(messageId);
        assertThat(statuses).extracting(d -> d.json().path("data").path("status").asText())
                .containsExactly("sent", "delivered", "read");
        assertThat(statuses).allSatisfy(d -> {
            assertThat(d.json().path("data").path("reference").asText()).isEqualTo("order-31");
            assertThat(d.json().path("data").path("recipient").asText()).isEqualTo(CUSTOMER);
        });
        assertThat(statuses).extracting(d -> d.headers().get("webhook-id").get(0)).doesNotHaveDuplicates();
        for (Delivery delivery : received) {
            new Webhook(secret).verify(delivery.body(), delivery.headers());
        }
    }

    private List<Delivery> events(String type) {
        return received.stream().filter(d -> d.json().path("event").asText().equals(type)).toList();
    }

    private List<Delivery> statusesOf(String messageId) {
        return events("message.status").stream()
                .filter(d -> d.json().path("data").path("message_id").asText().equals(messageId)).toList();
    }
}

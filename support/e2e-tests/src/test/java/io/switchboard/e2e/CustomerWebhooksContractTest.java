package io.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.switchboard.local.Platform;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The customer webhooks of the running platform against the OpenAPI document's callbacks: a customer's message
 * ({@code message.received}), a message's statuses and a failure ({@code message.status} with its error) arrive with
 * bodies and Standard Webhooks headers exactly as documented; then the dispatcher's admin API for them (the delivery
 * log of one event, a replay of the endpoint's events, their errors) answers as documented.
 */
class CustomerWebhooksContractTest {

    private static final String CUSTOMER = "+919876500041";
    private static final String FAILING = "+919876500042";

    private final Platform platform = RunningPlatform.get();
    private final String admin = platform.apiUrl().replace("/api/v1/external", "/api/v1/admin");
    private final OpenApiContract contract = OpenApiContract.fromRepository(RunningPlatform.repositoryRoot());
    private final HttpClient client = HttpClient.newHttpClient();
    private final List<Delivery> received = new CopyOnWriteArrayList<>();
    private HttpServer receiver;

    private record Delivery(Map<String, List<String>> headers, String body) {

        JsonNode json() {
            return Http.parse(body);
        }
    }

    @AfterEach
    void cleanUp() {
        if (receiver != null) {
            receiver.stop(0);
        }
        Http.send("DELETE", platform.simulatorUrl() + "/_sim/faults", "", null);
    }

    @Test
    void webhookEventsAndTheirAdminAnswersAreAsDocumented() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hooks", exchange -> {
            Map<String, List<String>> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), List.copyOf(values)));
            received.add(new Delivery(headers, new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        Instant since = Instant.now().minus(1, ChronoUnit.MINUTES);
        Http.Answer created = Http.send("POST", admin + "/webhooks", "Bearer " + RunningPlatform.ADMIN_TOKEN,
                "{\"account_id\":\"demo\",\"url\":\"http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks\","
                        + "\"events\":[\"message.status\",\"message.received\"]}");
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        String endpointId = created.body().path("data").path("id").asText();

        // The dispatcher learns of the endpoint from a compacted topic: the customer writes until it is heard.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            Customers.writeToTheBusiness(platform, CUSTOMER);
            return !events("message.received").isEmpty();
        });
        Customers.writeToTheBusiness(platform, FAILING);
        Http.Answer faults = Http.send("PATCH", platform.simulatorUrl() + "/_sim/faults", "",
                "{\"webhooks\":{\"fail\":{\"count\":1,\"recipient\":\"" + FAILING + "\"}}}");
        assertThat(faults.status()).as(faults.body().toString()).isEqualTo(200);
        String delivered = send(CUSTOMER, "Out for delivery today");
        String failed = send(FAILING, "This one fails at WhatsApp");

        await().atMost(Duration.ofSeconds(60)).until(() -> statuses(delivered).contains("read")
                && statuses(failed).contains("failed"));
        List<String> problems = new ArrayList<>();
        for (Delivery delivery : received) {
            String mismatch = contract.eventProblems(delivery.json().path("event").asText(), delivery.headers(),
                    delivery.body());
            if (!mismatch.isEmpty()) {
                problems.add(delivery.body() + "\n  " + mismatch);
            }
        }
        assertThat(events("message.status")).anySatisfy(d ->
                assertThat(d.json().path("data").path("error").path("code").isInt()).isTrue());

        String webhookId = events("message.received").get(0).headers().get("webhook-id").get(0);
        dispatcher("GET", "/admin/webhooks/deliveries/" + webhookId, true, 200, problems);
        dispatcher("GET", "/admin/webhooks/deliveries/msg_00000000000000000000000000000000", true, 404, problems);
        dispatcher("POST", "/admin/webhooks/endpoints/" + endpointId + "/replay?from=" + since, true, 200, problems);
        dispatcher("POST", "/admin/webhooks/endpoints/" + endpointId + "/replay?from=yesterday", true, 400, problems);
        dispatcher("GET", "/admin/webhooks/deliveries/" + webhookId, false, 401, problems);
        assertThat(problems).as("webhooks and answers that do not match the document").isEmpty();
    }

    private String send(String to, String text) {
        Http.Answer accepted = Http.post(platform.apiUrl() + "/messages/text", RunningPlatform.API_KEY,
                "{\"to\":\"" + to + "\",\"message\":\"" + text + "\"}");
        assertThat(accepted.status()).as(accepted.body().toString()).isEqualTo(202);
        return accepted.body().path("data").path("message_id").asText();
    }

    private void dispatcher(String method, String path, boolean withToken, int status, List<String> problems)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.dispatcherUrl() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (withToken) {
            request.header("Authorization", "Bearer " + RunningPlatform.ADMIN_TOKEN);
        }
        HttpResponse<String> answer = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(method + " " + path + ": " + answer.body()).isEqualTo(status);
        String mismatch = status == 200 ? contract.problems(method, answer, null, true, "Authorization",
                "Bearer " + RunningPlatform.ADMIN_TOKEN) : contract.problems(method, answer, null, false);
        if (!mismatch.isEmpty()) {
            problems.add(method + " " + path + " -> " + answer.statusCode() + " " + answer.body() + "\n  " + mismatch);
        }
    }

    private List<Delivery> events(String type) {
        return received.stream().filter(d -> d.json().path("event").asText().equals(type)).toList();
    }

    private List<String> statuses(String messageId) {
        return events("message.status").stream().filter(d -> d.json().path("data").path("message_id").asText()
                .equals(messageId)).map(d -> d.json().path("data").path("status").asText()).toList();
    }
}

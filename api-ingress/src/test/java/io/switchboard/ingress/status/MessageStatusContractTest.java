package io.switchboard.ingress.status;

import static io.switchboard.ingress.support.IngressApp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.switchboard.ingress.support.IngressApp;
import io.switchboard.schemas.avro.Permission;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Contract test of {@code GET /api/v1/external/messages/{id}} against a stand-in status-projector (a JDK HttpServer)
 * that answers exactly as the brief's contract documents: 200 with the status JSON, 404
 * {"code":"MESSAGE_NOT_FOUND"}, 503 {"code":"STORE_NOT_READY"}.
 */
class MessageStatusContractTest {

    private static final String OWN_ID = "550e8400-e29b-41d4-a716-446655440000";
    private static final String OTHER_ACCOUNTS_ID = "6f1c2a8e-0b7d-4c1e-9a55-3d2f1e0c9b8a";
    private static final String RESTORING_ID = "0a0a0a0a-1b1b-4c2c-8d3d-4e4e4e4e4e4e";
    private static final String BROKEN_ID = "7b7b7b7b-1b1b-4c2c-8d3d-4e4e4e4e4e4e";
    private static final String FAILED_ID = "6f1c2a8e-0b7d-4c1e-9a55-3d2f1e0c9b8b";

    private static final Map<String, String> requestedPaths = new ConcurrentHashMap<>();
    private static HttpServer projector;
    private static IngressApp app;

    @BeforeAll
    static void start() throws IOException {
        projector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        projector.createContext("/internal/messages/", MessageStatusContractTest::answer);
        projector.start();
        app = IngressApp.start(Map.of("switchboard.ingress.status-query-url",
                "http://127.0.0.1:" + projector.getAddress().getPort()));
    }

    @AfterAll
    static void stop() {
        app.close();
        projector.stop(0);
    }

    private static void answer(HttpExchange exchange) throws IOException {
        String id = exchange.getRequestURI().getPath().substring("/internal/messages/".length());
        requestedPaths.put(id, exchange.getRequestURI().getPath());
        String owner = app == null ? "nobody" : app.accountId();
        switch (id) {
            case OWN_ID -> write(exchange, 200, MessageStatusMapperTest.DELIVERED.replace("acct-1", owner));
            case OTHER_ACCOUNTS_ID -> write(exchange, 200, MessageStatusMapperTest.FAILED.replace("acct-1", "acct-x"));
            case RESTORING_ID -> write(exchange, 503, "{\"code\":\"STORE_NOT_READY\"}");
            case BROKEN_ID -> write(exchange, 200, "<html>oops</html>");
            case FAILED_ID -> write(exchange, 200, MessageStatusMapperTest.FAILED.replace("acct-1", owner)
                    .replace("6f1c2a8e-0b7d-4c1e-9a55-3d2f1e0c9b8a", FAILED_ID));
            default -> write(exchange, 404, "{\"code\":\"MESSAGE_NOT_FOUND\"}");
        }
    }

    private static void write(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static HttpResponse<String> status(String id) {
        return app.get("/api/v1/external/messages/" + id, app.apiKey());
    }

    @Test
    void theSendingAccountSeesTheStatusWithItsTimeline() {
        HttpResponse<String> response = status(OWN_ID);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.get("success").asBoolean()).isTrue();
        JsonNode data = body.get("data");
        assertThat(data.get("message_id").asText()).isEqualTo(OWN_ID);
        assertThat(data.get("status").asText()).isEqualTo("delivered");
        assertThat(data.get("to").asText()).isEqualTo("+919876543210");
        assertThat(data.get("reference").asText()).isEqualTo("test-msg-001");
        assertThat(data.get("type").asText()).isEqualTo("text");
        assertThat(data.get("wamid").asText()).startsWith("wamid.");
        assertThat(data.get("created_at").asText()).isEqualTo("2025-12-19T10:00:00.123Z");
        assertThat(data.get("updated_at").asText()).isEqualTo("2025-12-19T10:00:04.000Z");
        assertThat(data.has("error")).isTrue();
        assertThat(data.get("error").isNull()).isTrue();
        assertThat(data.get("timeline")).hasSize(3);
        assertThat(data.get("timeline").get(2).get("status").asText()).isEqualTo("delivered");
        assertThat(data.get("timeline").get(2).get("timestamp").asText()).isEqualTo("2025-12-19T10:00:04.000Z");
        assertThat(body.get("meta").get("request_id").asText()).startsWith("req_");
    }

    @Test
    void aFailureCarriesWhatsAppsNumericCodeInTheShapeOfTheStatusWebhooks() throws Exception {
        JsonNode data = json(status(FAILED_ID)).get("data");

        String expected = "{\"code\":131026,\"title\":\"Message undeliverable\","
                + "\"message\":\"Receiver is incapable of receiving this message\",\"reason\":\"permanent\"}";
        assertThat(data.get("error").toString()).isEqualTo(expected);
        assertThat(data.get("error").get("code").isInt()).isTrue();
        assertThat(data.get("timeline").get(1).get("error").toString()).isEqualTo(expected);
        assertThat(data.get("direction").asText()).isEqualTo("outbound");
    }

    @Test
    void theTimelineShowsWhatsAppsOwnTimestampBesideOurs() {
        JsonNode delivered = json(status(OWN_ID)).get("data").get("timeline").get(2);

        assertThat(delivered.get("timestamp").asText()).isEqualTo("2025-12-19T10:00:04.000Z");
        assertThat(delivered.get("whatsapp_timestamp").asText()).isEqualTo("2025-12-19T10:00:03.000Z");
        assertThat(json(status(OWN_ID)).get("data").get("timeline").get(1).get("whatsapp_timestamp").isNull())
                .isTrue();
    }

    @Test
    void anotherAccountsMessageLooksExactlyLikeAnUnknownOne() {
        HttpResponse<String> foreign = status(OTHER_ACCOUNTS_ID);
        HttpResponse<String> unknown = status("11111111-2222-4333-8444-555555555555");

        for (HttpResponse<String> response : java.util.List.of(foreign, unknown)) {
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(json(response).get("error").get("code").asText()).isEqualTo("MESSAGE_NOT_FOUND");
            assertThat(json(response).get("error").get("message").asText())
                    .isEqualTo("No message with this id exists for this account");
        }
    }

    @Test
    void anIdThatIsNotAUuidIsNotFoundWithoutAskingTheProjector() {
        HttpResponse<String> response = status("not-a-uuid");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).get("error").get("code").asText()).isEqualTo("MESSAGE_NOT_FOUND");
        assertThat(requestedPaths).doesNotContainKey("not-a-uuid");
    }

    @Test
    void aRestoringOrBrokenProjectorAnswers503() {
        for (String id : new String[] {RESTORING_ID, BROKEN_ID}) {
            HttpResponse<String> response = status(id);
            assertThat(response.statusCode()).as(id).isEqualTo(503);
            assertThat(json(response).get("error").get("code").asText()).isEqualTo("STATUS_UNAVAILABLE");
        }
    }

    @Test
    void viewingNeedsTheViewMessagesPermission() {
        String sender = app.createKey(60, Permission.SEND_TEXT);

        HttpResponse<String> response = app.get("/api/v1/external/messages/" + OWN_ID, sender);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(json(response).get("error").get("code").asText()).isEqualTo("PERMISSION_DENIED");
        assertThat(app.get("/api/v1/external/messages/" + OWN_ID, "pk_live_nobody").statusCode()).isEqualTo(401);
    }

    @Test
    void anUnreachableProjectorAnswers503() {
        try (IngressApp lonely = IngressApp.start(Map.of("switchboard.ingress.status-query-url",
                "http://127.0.0.1:1", "switchboard.ingress.status-query-timeout", "2s"))) {
            HttpResponse<String> response = lonely.get("/api/v1/external/messages/" + OWN_ID, lonely.apiKey());

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(json(response).get("error").get("code").asText()).isEqualTo("STATUS_UNAVAILABLE");
        }
    }
}

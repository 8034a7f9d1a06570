package io.switchboard.ingress.auth;

import static io.switchboard.ingress.support.IngressApp.json;
import static io.switchboard.ingress.support.InboundMessages.customer;
import static io.switchboard.ingress.support.InboundMessages.message;
import static io.switchboard.ingress.support.InboundMessages.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.switchboard.ingress.support.AdminCalls;
import io.switchboard.ingress.support.CloudApiPeer;
import io.switchboard.ingress.support.ConfigRecords;
import io.switchboard.ingress.support.IngressApp;
import io.switchboard.schemas.avro.InboundMedia;
import io.switchboard.schemas.avro.Template;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two tenants on one ingress: account A and account B, each with a key holding every permission. Every API that shows
 * or acts on an account's data is tried with B's key against A's data: message status, sends into A's customers'
 * windows, the inbound listing, media downloads, templates, webhook endpoints (admin, by account) and the dashboard
 * figures (admin, by account). B never sees nor acts on anything of A's; A, as the control, does.
 */
class TenantIsolationTest {

    private static final String ALL = "[\"send_text\",\"send_template\",\"send_media\",\"view_templates\","
            + "\"view_messages\"]";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Map<String, String> OWNERS = new ConcurrentHashMap<>();

    private static HttpServer projector;
    private static CloudApiPeer peer;
    private static IngressApp app;
    private static AdminCalls admin;
    private static String accountA;
    private static String accountB;
    private static String numberA;
    private static String keyA;
    private static String keyB;
    private static String keyIdA;

    @BeforeAll
    static void start() throws IOException {
        projector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        projector.createContext("/internal/", TenantIsolationTest::project);
        projector.start();
        peer = new CloudApiPeer();
        Map<String, Object> config = new java.util.HashMap<>(peer.config());
        config.putAll(Map.of("switchboard.ingress.admin-token", AdminCalls.ADMIN_TOKEN,
                "switchboard.ingress.master-key", AdminCalls.newMasterKey(),
                "switchboard.ingress.status-query-url", "http://127.0.0.1:" + projector.getAddress().getPort(),
                "switchboard.ingress.templates.sync-enabled", false,
                "switchboard.ingress.enforce-window", true));
        app = IngressApp.start(config);
        admin = new AdminCalls(app, AdminCalls.ADMIN_TOKEN);
        numberA = Long.toString(300_000_000_000_000L + Math.abs(UUID.randomUUID().hashCode()));
        accountA = admin.createAccount(numberA);
        accountB = admin.createAccount();
        JsonNode createdA = admin.createKey("{\"name\":\"A\",\"account_id\":\"" + accountA + "\",\"permissions\":"
                + ALL + "}");
        keyA = createdA.get("api_key").asText();
        keyIdA = createdA.get("id").asText();
        keyB = admin.createKey("{\"name\":\"B\",\"account_id\":\"" + accountB + "\",\"permissions\":" + ALL + "}")
                .get("api_key").asText();
    }

    @AfterAll
    static void stop() {
        app.close();
        peer.close();
        projector.stop(0);
    }

    /** The stand-in projector: a message's status, with the account that sent it. */
    private static void project(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String id = path.substring(path.lastIndexOf('/') + 1);
        String owner = OWNERS.get(id);
        byte[] body = (owner == null ? "{\"code\":\"MESSAGE_NOT_FOUND\"}" : """
                {"message_id":"%s","status":"sent","account_id":"%s","recipient":"+919876543210","kind":"TEXT",
                 "accepted_at":"2025-12-19T10:00:00Z","updated_at":"2025-12-19T10:00:01Z","attempts":1,
                 "timeline":[{"status":"queued","at":"2025-12-19T10:00:00Z"},
                             {"status":"sent","at":"2025-12-19T10:00:01Z"}]}""".formatted(id, owner))
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(owner == null ? 404 : 200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Test
    void bNeverSeesAOrActsOnWhatArrivedAtAsNumber() throws Exception {
        String from = customer();
        String mediaId = "7" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000_000L);
        peer.addMedia(mediaId, new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2}, "image/jpeg");
        publish(message(numberA, from, "wamid.iso-" + mediaId, Instant.now(), "image")
                .setMedia(new InboundMedia(mediaId, "image/jpeg", "sha", null, false)).setRawJson("{}").build());
        String byCustomer = "/api/v1/external/messages?from=" + from.replace("+", "%2B");
        await().atMost(Duration.ofSeconds(20)).until(() -> json(app.get(byCustomer, keyA)).get("data").size() == 1);

        assertThat(json(app.get(byCustomer, keyB)).get("data")).isEmpty();
        assertThat(json(app.get("/api/v1/external/messages?direction=inbound", keyB)).get("data").toString())
                .doesNotContain(mediaId).doesNotContain(from);
        assertThat(download(mediaId, keyA).statusCode()).isEqualTo(200);
        HttpResponse<byte[]> foreignMedia = download(mediaId, keyB);
        assertThat(foreignMedia.statusCode()).isEqualTo(404);
        assertThat(new String(foreignMedia.body(), StandardCharsets.UTF_8)).contains("MEDIA_NOT_FOUND");

        // The customer opened a window with A's number only: B may not write to them free-form.
        String text = "{\"to\":\"" + from + "\",\"message\":\"We saw your photo\"}";
        await().atMost(Duration.ofSeconds(10)).until(() -> app.postText(keyA, text).statusCode() == 202);
        HttpResponse<String> intoAsWindow = app.postText(keyB, text);
        assertThat(intoAsWindow.statusCode()).as(intoAsWindow.body()).isEqualTo(422);
        assertThat(json(intoAsWindow).get("error").get("code").asText()).isEqualTo("OUTSIDE_CUSTOMER_SERVICE_WINDOW");
    }

    @Test
    void bCannotReadTheStatusOfAsMessages() {
        // A message A sent, as the projector knows it.
        String messageId = UUID.randomUUID().toString();
        OWNERS.put(messageId, accountA);

        assertThat(app.get("/api/v1/external/messages/" + messageId, keyA).statusCode()).isEqualTo(200);
        HttpResponse<String> foreign = app.get("/api/v1/external/messages/" + messageId, keyB);
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(json(foreign).get("error").get("code").asText()).isEqualTo("MESSAGE_NOT_FOUND");
        assertThat(foreign.body()).doesNotContain(accountA);
    }

    @Test
    void bSeesOnlyItsOwnTemplates() {
        String name = "a_only_" + UUID.randomUUID().toString().substring(0, 8).replace("-", "");
        ConfigRecords.publish(Template.newBuilder().setAccountId(accountA).setName(name).setLanguage("en_US")
                .setCategory("UTILITY").setStatus("APPROVED")
                .setComponentsJson("[{\"type\":\"BODY\",\"text\":\"Hello\"}]").setSyncedAt(Instant.now()).build());
        await().atMost(Duration.ofSeconds(10)).until(() -> app.get("/api/v1/external/templates", keyA).body()
                .contains(name));

        assertThat(app.get("/api/v1/external/templates", keyB).body()).doesNotContain(name);
        HttpResponse<String> one = app.get("/api/v1/external/templates/" + name, keyB);
        assertThat(one.statusCode()).isEqualTo(404);
        assertThat(json(one).get("error").get("code").asText()).isEqualTo("TEMPLATE_NOT_FOUND");
        HttpResponse<String> send = app.post("/messages/template/send", keyB,
                "{\"to\":\"+919876543210\",\"template_name\":\"" + name + "\",\"language\":\"en_US\"}");
        assertThat(send.statusCode()).isEqualTo(404);
    }

    @Test
    void webhookEndpointsAndDashboardFiguresAreKeptPerAccount() {
        HttpResponse<String> created = admin.call("POST", "/api/v1/admin/webhooks", """
                {"account_id":"%s","url":"https://hooks.a.example/wa","events":["message.received"]}"""
                .formatted(accountA));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String endpointId = json(created).get("data").get("id").asText();

        assertThat(admin.call("GET", "/api/v1/admin/webhooks?account_id=" + accountB, null).body())
                .doesNotContain(endpointId);
        HttpResponse<String> withAsKey = admin.call("POST", "/api/v1/admin/webhooks", """
                {"account_id":"%s","url":"https://hooks.b.example/wa","events":["message.status"],
                 "api_key_id":"%s"}""".formatted(accountB, keyIdA));
        assertThat(withAsKey.statusCode()).isEqualTo(404);
        assertThat(json(withAsKey).get("error").get("code").asText()).isEqualTo("API_KEY_NOT_FOUND");
        assertThat(app.postText(keyA, "{\"to\":\"+14155550100\",\"message\":\"x\"}").statusCode()).isIn(202, 422);

        JsonNode figuresB = json(admin.call("GET", "/api/v1/admin/stats?account_id=" + accountB, null)).get("data");
        assertThat(figuresB.get("total_keys").asLong()).isEqualTo(1);
        assertThat(figuresB.get("templates_configured").asLong()).isZero();
        JsonNode figuresA = json(admin.call("GET", "/api/v1/admin/stats?account_id=" + accountA, null)).get("data");
        assertThat(figuresA.get("total_keys").asLong()).isEqualTo(1);
    }

    @Test
    void bCannotTakeAsNumber() {
        HttpResponse<String> taken = admin.call("POST", "/api/v1/admin/accounts", """
                {"account_id":"%s","name":"B","waba_id":"1","phone_number_id":"%s"}""".formatted(accountB, numberA));

        assertThat(taken.statusCode()).isEqualTo(409);
        assertThat(json(taken).get("error").get("code").asText()).isEqualTo("PHONE_NUMBER_TAKEN");
    }

    private static HttpResponse<byte[]> download(String mediaId, String apiKey) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(app.uri("/api/v1/external/media/" + mediaId))
                .header("X-API-Key", apiKey).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }
}

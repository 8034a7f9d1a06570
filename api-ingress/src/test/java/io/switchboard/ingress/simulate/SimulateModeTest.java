package io.switchboard.ingress.simulate;

import static io.switchboard.ingress.support.IngressApp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.ingress.support.CloudApiPeer;
import io.switchboard.ingress.support.IngressApp;
import io.switchboard.ingress.support.Seeds;
import io.switchboard.ingress.support.SendCommandsProbe;
import io.switchboard.ingress.templates.TemplateSendTest;
import io.switchboard.ingress.templates.TemplateStore;
import io.switchboard.ingress.window.CustomerWindowTest;
import io.switchboard.schemas.avro.Permission;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Simulate mode (seed 001's "Simulate Only"): every check runs, the answer is 200 with the exact Cloud API request,
 * nothing is queued, uploaded or counted.
 */
class SimulateModeTest {

    private static final String CUSTOMER = "+919876543210";
    private static CloudApiPeer peer;
    private static IngressApp app;
    private static String key;
    private static SendCommandsProbe probe;

    @BeforeAll
    static void start() {
        peer = new CloudApiPeer();
        Map<String, Object> config = new HashMap<>(peer.config());
        config.put("switchboard.ingress.enforce-window", true);
        app = IngressApp.start(config);
        key = app.createKey(1000, Permission.SEND_TEXT, Permission.SEND_TEMPLATE, Permission.SEND_MEDIA);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> app.context().getBean(TemplateStore.class).ofAccount(app.accountId()).size() == 8);
        probe = new SendCommandsProbe();
        CustomerWindowTest.customerWrites(app.phoneNumberId(), CUSTOMER, Instant.now());
        await("window open").atMost(Duration.ofSeconds(15)).until(() -> app.post("/messages/text", key,
                "{\"to\":\"" + CUSTOMER + "\",\"message\":\"hi\"}", "X-Simulate", "true").statusCode() == 200);
    }

    @AfterAll
    static void stop() {
        probe.close();
        app.close();
        peer.close();
    }

    private static JsonNode simulated(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode data = json(response).get("data");
        assertThat(json(response).get("success").asBoolean()).isTrue();
        assertThat(data.get("simulated").asBoolean()).isTrue();
        return data;
    }

    private static void assertUuid(JsonNode request) {
        String id = request.get("biz_opaque_callback_data").asText();
        assertThat(UUID.fromString(id).toString()).isEqualTo(id);
    }

    @Test
    void aSimulatedTextShowsTheCloudApiRequestAndQueuesAndCountsNothing() {
        String simulateKey = app.createKey(5, Permission.SEND_TEXT);
        awaitFreshMinute();
        String body = "{\"to\":\"" + CUSTOMER + "\",\"message\":\"Hello! This is a test message from the API.\","
                + "\"reference\":\"test-msg-001\"}";

        JsonNode data = simulated(app.post("/messages/text", simulateKey, body, "X-Simulate", "true"));
        HttpResponse<String> second = app.post("/messages/text?simulate=true", simulateKey, body);

        JsonNode request = data.get("whatsapp_request");
        assertThat(request.get("messaging_product").asText()).isEqualTo("whatsapp");
        assertThat(request.get("recipient_type").asText()).isEqualTo("individual");
        assertThat(request.get("to").asText()).isEqualTo(CUSTOMER);
        assertThat(request.get("type").asText()).isEqualTo("text");
        assertThat(request.get("text").get("body").asText()).isEqualTo("Hello! This is a test message from the API.");
        assertThat(request.get("text").get("preview_url").asBoolean()).isFalse();
        assertUuid(request);
        assertThat(request.size()).isEqualTo(6);
        assertThat(data.get("reference").asText()).isEqualTo("test-msg-001");
        assertThat(data.has("message_id")).isFalse();
        simulated(second);
        assertThat(json(second).get("meta").get("rate_limit").get("remaining").asInt()).isEqualTo(5);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3))
                .until(() -> probe.poll().stream().noneMatch(r -> "test-msg-001".equals(r.value().getReference())));
    }

    @Test
    void aSimulatedNamedTemplateShowsTheMappedComponents() {
        JsonNode data = simulated(app.post("/messages/template/send?simulate=true", key,
                TemplateSendTest.SEED_000_NAMED));

        JsonNode template = data.get("whatsapp_request").get("template");
        assertThat(template.get("name").asText()).isEqualTo("order_confirmation");
        assertThat(template.get("language").get("code").asText()).isEqualTo("en");
        JsonNode body = template.get("components").get(0);
        assertThat(body.get("type").asText()).isEqualTo("body");
        assertThat(body.get("parameters").toString()).isEqualTo("[{\"type\":\"text\",\"text\":\"John Doe\"},"
                + "{\"type\":\"text\",\"text\":\"ORD-12345\"},{\"type\":\"text\",\"text\":\"$99.99\"}]");
        assertThat(data.get("warnings").get(0).asText()).contains("delivery_date");
    }

    @Test
    void aSimulatedListShowsTheInteractiveObject() {
        JsonNode data = simulated(app.post("/messages/interactive/list", key,
                Seeds.read("003-list-product-catalog.json"), "X-Simulate", "true"));

        JsonNode interactive = data.get("whatsapp_request").get("interactive");
        assertThat(interactive.get("type").asText()).isEqualTo("list");
        assertThat(interactive.get("action").get("button").asText()).isEqualTo("View Catalog");
        assertThat(interactive.get("action").get("sections").get(0).get("rows").get(0).get("id").asText())
                .isEqualTo("prod_laptop_001");
        assertThat(interactive.get("body").get("text").asText())
                .isEqualTo("Browse our popular products and select one to learn more!");
    }

    @Test
    void aSimulatedUploadUploadsNothing() {
        int uploads = peer.uploads().size();

        JsonNode data = simulated(app.post("/messages/media", key, "{\"type\":\"document\",\"to\":\"" + CUSTOMER
                + "\",\"mime_type\":\"application/pdf\",\"filename\":\"a.pdf\",\"base64\":\"JVBERi0=\"}",
                "X-Simulate", "true"));

        JsonNode document = data.get("whatsapp_request").get("document");
        assertThat(document.get("id").asText()).isEqualTo("SIMULATED_UPLOAD_MEDIA_ID");
        assertThat(document.get("filename").asText()).isEqualTo("a.pdf");
        assertThat(peer.uploads()).hasSize(uploads);
    }

    @Test
    void simulateRunsEveryCheck() {
        HttpResponse<String> invalid = app.post("/messages/text", key, "{\"to\":\"" + CUSTOMER + "\"}",
                "X-Simulate", "true");
        HttpResponse<String> outsideWindow = app.post("/messages/text", key,
                "{\"to\":\"+14155550199\",\"message\":\"hi\"}", "X-Simulate", "true");
        HttpResponse<String> notApproved = app.post("/messages/template?simulate=true", key,
                "{\"to\":\"" + CUSTOMER + "\",\"template_name\":\"summer_sale\",\"language\":\"en\"}");
        HttpResponse<String> noPermission = app.post("/messages/text", app.createKey(5, Permission.SEND_MEDIA),
                "{\"to\":\"" + CUSTOMER + "\",\"message\":\"hi\"}", "X-Simulate", "true");
        String exhausted = app.createKey(1, Permission.SEND_TEXT);
        awaitFreshMinute();
        assertThat(app.post("/messages/text", exhausted, "{\"to\":\"" + CUSTOMER + "\",\"message\":\"hi\"}")
                .statusCode()).isEqualTo(202);
        HttpResponse<String> limited = app.post("/messages/text", exhausted,
                "{\"to\":\"" + CUSTOMER + "\",\"message\":\"hi\"}", "X-Simulate", "true");

        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(json(outsideWindow).get("error").get("code").asText()).isEqualTo("OUTSIDE_CUSTOMER_SERVICE_WINDOW");
        assertThat(json(notApproved).get("error").get("code").asText()).isEqualTo("TEMPLATE_NOT_APPROVED");
        assertThat(noPermission.statusCode()).isEqualTo(403);
        assertThat(limited.statusCode()).isEqualTo(429);
    }

    private static void awaitFreshMinute() {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> Instant.now().atOffset(ZoneOffset.UTC).getSecond() < 55);
    }
}

package io.switchboard.ingress.http;

import static io.switchboard.ingress.support.IngressApp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.ingress.support.CloudApiPeer;
import io.switchboard.ingress.support.IngressApp;
import io.switchboard.ingress.support.LogCapture;
import io.switchboard.ingress.support.Seeds;
import io.switchboard.ingress.templates.TemplateStore;
import io.switchboard.schemas.avro.Permission;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Mangled bodies on every issue-3 send endpoint are answered in the envelope, never with a 5xx. */
class SendEndpointsFuzzTest {

    private static final List<String[]> SEEDS = List.of(
            new String[] {"/messages/template", """
                    {"to":"+919876543210","template_name":"order_confirmation","language":"en","components":[
                     {"type":"body","parameters":[{"type":"text","text":"John Doe"},{"type":"text","text":"ORD-1"},
                     {"type":"text","text":"$9"}]}],"reference":"r-1"}"""},
            new String[] {"/messages/template/send", """
                    {"to":"+919876543210","template_name":"appointment_reminder","language":"en","variables":
                     {"header_image":"https://example.com/a.jpg","1":"Asha","2":"Monday"},"reference":"r-2"}"""},
            new String[] {"/messages/interactive/list", Seeds.read("003-list-product-catalog.json")},
            new String[] {"/messages/interactive/button", Seeds.read("003-button-image-header.json")},
            new String[] {"/messages/media", """
                    {"type":"document","to":"+919876543210","mime_type":"application/pdf","filename":"a.pdf",
                     "caption":"Invoice","base64":"JVBERi0xLjQK","reference":"r-3"}"""});

    private static LogCapture logs;
    private static CloudApiPeer peer;
    private static IngressApp app;
    private static String key;

    @BeforeAll
    static void start() {
        logs = new LogCapture();
        peer = new CloudApiPeer();
        java.util.Map<String, Object> config = new java.util.HashMap<>(peer.config());
        // The fuzz loop sends hundreds of bodies to one recipient; this test is about validation, not limits.
        config.put("switchboard.ingress.per-recipient-limit", 100_000);
        app = IngressApp.start(config);
        key = app.createKey(100_000, Permission.SEND_TEXT, Permission.SEND_TEMPLATE, Permission.SEND_MEDIA);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> app.context().getBean(TemplateStore.class).ofAccount(app.accountId()).size() == 8);
    }

    @AfterAll
    static void stop() {
        app.close();
        peer.close();
        logs.close();
    }

    @Test
    void neitherTheAccessTokenNorKeysNorPhoneNumbersReachTheLogs() {
        peer.answerMediaWith(500);
        try {
            for (String[] seed : SEEDS) {
                app.post(seed[0], key, seed[1]);
            }
        } finally {
            peer.answerMediaWith(200);
        }

        assertThat(logs.lines()).isNotEmpty().noneMatch(line -> line.contains(CloudApiPeer.TOKEN)
                || line.contains(key) || line.contains("+919876543210"));
    }

    @Test
    void theUnmangledSeedsAreAccepted() {
        for (String[] seed : SEEDS) {
            HttpResponse<String> response = app.post(seed[0], key, seed[1]);
            assertThat(response.statusCode()).as(seed[0] + " " + response.body()).isEqualTo(202);
        }
    }

    @Test
    void hundredsOfMangledBodiesNeverCauseA5xx() {
        Random random = new Random(20251223L);
        for (int i = 0; i < 300; i++) {
            String[] seed = SEEDS.get(i % SEEDS.size());
            byte[] body = BadRequestsTest.mangle(seed[1].getBytes(StandardCharsets.UTF_8), random);
            HttpResponse<String> response = app.send("POST", "/api/v1/external" + seed[0], body,
                    "Content-Type", "application/json", "X-API-Key", key,
                    "Idempotency-Key", random.nextBoolean() ? "fuzz-" + i : "fuzz-" + random.nextInt(5),
                    "X-Simulate", Boolean.toString(random.nextInt(4) == 0));

            assertThat(response.statusCode()).as("%s %s -> %s", seed[0], new String(body, StandardCharsets.UTF_8),
                    response.body()).isLessThan(500);
            JsonNode answer = json(response);
            assertThat(answer.get("success").asBoolean()).isEqualTo(response.statusCode() < 300);
            assertThat(answer.get("meta").get("request_id").asText()).startsWith("req_");
        }
    }
}

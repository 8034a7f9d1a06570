package io.switchboard.webhook;

import static io.switchboard.webhook.TestServices.APP_SECRET;
import static io.switchboard.webhook.TestServices.VERIFY_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.InboundMessage;
import io.switchboard.schemas.avro.StatusUpdate;
import io.switchboard.schemas.avro.WebhookPayload;
import io.switchboard.schemas.avro.WhatsAppStatus;
import io.switchboard.testkit.KafkaTestCluster;
import io.switchboard.webhook.TopicReader.Received;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The running service over real HTTP, against a real broker and registry. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookEndpointTest {

    private EmbeddedServer app;
    private TopicReader reader;

    @BeforeAll
    void start() {
        String bootstrap = KafkaTestCluster.shared().bootstrapServers();
        app = TestServices.startApp(bootstrap, Map.of());
        reader = new TopicReader(bootstrap, TestServices.registryUrl(), TopicSetup.WRITTEN_TOPICS);
    }

    @AfterAll
    void stop() {
        if (reader != null) {
            reader.close();
        }
        if (app != null) {
            app.close();
        }
    }

    @Test
    void verificationWithOurTokenEchoesTheChallenge() throws Exception {
        HttpResponse<String> response = TestServices.get(app,
                "/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=" + VERIFY_TOKEN + "&hub.challenge=1158201444");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("1158201444");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain"));
    }

    @Test
    void verificationWithAnotherTokenIsRefusedAndTheTokenIsNotLogged() throws Exception {
        try (LogCapture logs = new LogCapture()) {
            HttpResponse<String> response = TestServices.get(app,
                    "/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=guessed-token-77&hub.challenge=1158201444");

            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(response.body()).doesNotContain("1158201444");
            assertThat(logs.lines()).isNotEmpty().noneMatch(line -> line.contains("guessed-token-77")
                    || line.contains(VERIFY_TOKEN));
        }
    }

    @Test
    void wrongSignatureIsRefusedWith401AndNothingIsPublished() throws Exception {
        String run = run();
        byte[] body = Payloads.batch(run);
        String forged = new SignatureVerifier("not-the-app-secret").sign(body);

        try (LogCapture logs = new LogCapture()) {
            HttpResponse<String> response = TestServices.post(app, body, forged);

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.body()).contains("\"code\":\"INVALID_SIGNATURE\"");
            assertThat(logs.lines()).noneMatch(line -> line.contains(APP_SECRET) || line.contains(forged));
        }
        assertThat(mentioning(reader.readFor(Duration.ofSeconds(3)), run)).isEmpty();
    }

    @Test
    void missingSignatureIsRefusedWith401AndNothingIsPublished() throws Exception {
        String run = run();

        HttpResponse<String> response = TestServices.post(app, Payloads.batch(run), null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(mentioning(reader.readFor(Duration.ofSeconds(2)), run)).isEmpty();
    }

    @Test
    void signatureIsCheckedBeforeTheBodyIsRead() throws Exception {
        byte[] notJson = "not json at all".getBytes(StandardCharsets.UTF_8);

        assertThat(TestServices.post(app, notJson, "sha256=00").statusCode()).isEqualTo(401);
        assertThat(TestServices.post(app, new byte[0], null).statusCode()).isEqualTo(401);
    }

    @Test
    void signedBatchIsAnsweredOnlyAfterEveryRecordIsOnItsTopic() throws Exception {
        String run = run();
        byte[] body = Payloads.batch(run);

        HttpResponse<String> response;
        List<String> logLines;
        try (LogCapture logs = new LogCapture()) {
            response = TestServices.postSigned(app, body);
            logLines = logs.lines();
        }

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"ok\"}");
        // Read to the end offsets as they are now: the 200 promised the records are already there.
        List<Received> mine = mentioning(reader.readToEnd(), run);

        List<Received> statuses = on(mine, Topics.STATUS_UPDATES.name());
        assertThat(statuses).extracting(Received::key)
                .containsExactlyInAnyOrder("wamid." + run + "-S1", "wamid." + run + "-S2", "wamid." + run + "-S3");
        assertThat(statuses).allSatisfy(r -> assertThat(((StatusUpdate) r.value()).getWamid()).isEqualTo(r.key()));
        StatusUpdate failed = statusWithKey(statuses, "wamid." + run + "-S2");
        assertThat(failed.getStatus()).isEqualTo(WhatsAppStatus.FAILED);
        assertThat(failed.getBizOpaqueCallbackData()).isEqualTo("msg-" + run + "-2");
        assertThat(failed.getErrors()).singleElement().satisfies(e -> {
            assertThat(e.getCode()).isEqualTo(131026);
            assertThat(e.getDetail()).isEqualTo("Receiver is incapable of receiving this message");
        });
        assertThat(statusWithKey(statuses, "wamid." + run + "-S3").getPhoneNumberId())
                .isEqualTo(Payloads.SECOND_PHONE_NUMBER_ID);

        List<Received> inbound = on(mine, Topics.INBOUND_MESSAGES.name());
        assertThat(inbound).extracting(Received::key).containsExactlyInAnyOrder(
                Topics.inboundKey(Payloads.PHONE_NUMBER_ID, "+919876543210"),
                Topics.inboundKey(Payloads.SECOND_PHONE_NUMBER_ID, "+16505551234"));
        assertThat(inbound).extracting(r -> ((InboundMessage) r.value()).getWamid())
                .containsExactlyInAnyOrder("wamid." + run + "-M1", "wamid." + run + "-M2");
        InboundMessage text = (InboundMessage) inbound.stream()
                .filter(r -> ((InboundMessage) r.value()).getType().equals("text")).findFirst().orElseThrow().value();
        assertThat(text.getText()).isEqualTo("Café order " + run);
        assertThat(text.getProfileName()).isEqualTo("Aditi Rao");

        List<Received> payloads = on(mine, Topics.WEBHOOK_PAYLOADS.name());
        assertThat(payloads).singleElement().satisfies(r -> {
            WebhookPayload payload = (WebhookPayload) r.value();
            assertThat(r.key()).isEqualTo(payload.getRequestId());
            assertThat(payload.getBody()).isEqualTo(new String(body, StandardCharsets.UTF_8));
        });

        assertThat(logLines).anyMatch(line -> line.contains("+91******3210"))
                .noneMatch(line -> line.contains("919876543210") || line.contains("16505551234"));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"not json", "[{\"object\":\"whatsapp_business_account\"}]", "{\"entry\":[",
            "{\"object\":\"whatsapp_business_account\"} and more", ""})
    void signedBodyThatIsNotAJsonObjectIsAnswered400(String text) throws Exception {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = TestServices.postSigned(app, body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"code\":\"MALFORMED_BODY\"");
    }

    @Test
    void signedMalformedBodyIsStillArchived() throws Exception {
        String run = run();
        byte[] body = ("{\"object\":\"whatsapp_business_account\",\"run\":\"" + run + "\"").getBytes(StandardCharsets.UTF_8);

        assertThat(TestServices.postSigned(app, body).statusCode()).isEqualTo(400);

        List<Received> mine = mentioning(reader.readToEnd(), run);
        assertThat(mine).singleElement().satisfies(r -> assertThat(r.topic()).isEqualTo(Topics.WEBHOOK_PAYLOADS.name()));
    }

    @Test
    void otherWebhookFieldsAndObjectsAreAcknowledgedAndOnlyArchived() throws Exception {
        String run = run();
        byte[] template = Payloads.templateStatusUpdate(run);
        byte[] page = ("{\"object\":\"page\",\"entry\":[{\"id\":\"" + run + "\",\"changes\":[]}]}")
                .getBytes(StandardCharsets.UTF_8);

        assertThat(TestServices.postSigned(app, template).statusCode()).isEqualTo(200);
        assertThat(TestServices.postSigned(app, page).statusCode()).isEqualTo(200);

        assertThat(mentioning(reader.readToEnd(), run)).hasSize(2)
                .allSatisfy(r -> assertThat(r.topic()).isEqualTo(Topics.WEBHOOK_PAYLOADS.name()));
    }

    @Test
    void bodyAtMetasThreeMegabyteLimitIsAcceptedAndPublished() throws Exception {
        String run = run();
        byte[] body = Payloads.nearMetasLimit(run);
        assertThat(body.length).isGreaterThan(3 * 1024 * 1024);

        HttpResponse<String> response = TestServices.postSigned(app, body);

        assertThat(response.statusCode()).isEqualTo(200);
        List<Received> mine = mentioning(reader.readToEnd(), run);
        assertThat(on(mine, Topics.STATUS_UPDATES.name())).hasSize(250);
        assertThat(on(mine, Topics.INBOUND_MESSAGES.name())).hasSize(750);
        assertThat(on(mine, Topics.WEBHOOK_PAYLOADS.name())).singleElement()
                .satisfies(r -> assertThat(((WebhookPayload) r.value()).getBody()).hasSize(body.length));
    }

    @Test
    void healthCoversKafka() throws Exception {
        HttpResponse<String> response = TestServices.get(app, "/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"UP\"").contains("\"kafka\"");
    }

    @Test
    void prometheusExposesWebhookMetrics() throws Exception {
        TestServices.postSigned(app, Payloads.oneStatus(run()));
        TestServices.post(app, Payloads.oneStatus(run()), "sha256=bad");

        HttpResponse<String> response = TestServices.get(app, "/prometheus");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("switchboard_webhook_received_total",
                "switchboard_webhook_rejected_total{reason=\"signature\"}",
                "switchboard_webhook_statuses_published_total", "switchboard_webhook_inbound_published_total",
                "switchboard_webhook_publish_latency_seconds_count{outcome=\"acked\"}");
    }

    private static String run() {
        return UUID.randomUUID().toString().substring(0, 13);
    }

    /** The records that carry {@code run} in their key or value (our ids, or an archived body). */
    private static List<Received> mentioning(List<Received> records, String run) {
        return records.stream()
                .filter(r -> (r.key() != null && r.key().contains(run)) || r.value().toString().contains(run))
                .toList();
    }

    private static List<Received> on(List<Received> records, String topic) {
        return records.stream().filter(r -> r.topic().equals(topic)).toList();
    }

    private static StatusUpdate statusWithKey(List<Received> statuses, String key) {
        return (StatusUpdate) statuses.stream().filter(r -> r.key().equals(key)).findFirst().orElseThrow().value();
    }
}

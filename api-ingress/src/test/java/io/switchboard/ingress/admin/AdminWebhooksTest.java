package io.switchboard.ingress.admin;

import static io.switchboard.ingress.support.IngressApp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.ingress.support.AdminCalls;
import io.switchboard.ingress.support.IngressApp;
import io.switchboard.ingress.support.TestInfrastructure;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.WebhookEndpoint;
import io.switchboard.schemas.avro.WebhookEndpointHealth;
import io.switchboard.schemas.crypto.SecretCipher;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The admin API for customer webhook endpoints against a real broker and registry: the secret is shown once and
 * stored only encrypted, changes are visible at once, the dispatcher's published state is shown, and enabling lifts
 * a disable.
 */
class AdminWebhooksTest {

    private static final String MASTER_KEY = AdminCalls.newMasterKey();
    private static final String PATH = "/api/v1/admin/webhooks";

    private static IngressApp app;
    private static AdminCalls admin;

    @BeforeAll
    static void start() {
        app = IngressApp.start(Map.of("switchboard.ingress.admin-token", AdminCalls.ADMIN_TOKEN,
                "switchboard.ingress.master-key", MASTER_KEY));
        admin = new AdminCalls(app, AdminCalls.ADMIN_TOKEN);
        await().atMost(Duration.ofSeconds(20)).until(() -> admin.call("GET", PATH, null).statusCode() == 200);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void aCreatedEndpointShowsItsSecretOnceAndTheTopicHoldsItOnlyEncrypted() {
        String accountId = admin.createAccount();
        HttpResponse<String> created = admin.call("POST", PATH, """
                {"account_id":"%s","url":"https://hooks.acme.example/whatsapp",
                 "events":["message.status","message.received","message.status"],"description":"orders"}"""
                .formatted(accountId));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode data = json(created).get("data");
        String secret = data.get("secret").asText();
        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSize(32);
        assertThat(data.get("events")).hasSize(2);
        assertThat(data.get("state").get("status").asText()).isEqualTo("active");
        String id = data.get("id").asText();

        JsonNode fetched = json(admin.call("GET", PATH + "/" + id, null)).get("data");
        assertThat(fetched.has("secret")).isFalse();
        assertThat(fetched.get("url").asText()).isEqualTo("https://hooks.acme.example/whatsapp");
        WebhookEndpoint stored = app.context().getBean(WebhookTables.class).endpoint(id);
        assertThat(stored.getEncryptedSecret()).doesNotContain(secret.substring(6));
        assertThat(SecretCipher.fromBase64(MASTER_KEY).decrypt(stored.getEncryptedSecret())).isEqualTo(secret);

        JsonNode listed = json(admin.call("GET", PATH + "?account_id=" + accountId, null)).get("data");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("id").asText()).isEqualTo(id);
    }

    @Test
    void updatesDisablingEnablingRotationAndDeletionTakeEffectAtOnce() {
        String accountId = admin.createAccount();
        String id = json(admin.call("POST", PATH, """
                {"account_id":"%s","url":"https://hooks.acme.example/a","events":["message.status"]}"""
                .formatted(accountId))).get("data").get("id").asText();

        JsonNode patched = json(admin.call("PATCH", PATH + "/" + id, """
                {"url":"https://hooks.acme.example/b","events":["message.received"]}""")).get("data");
        assertThat(patched.get("url").asText()).isEqualTo("https://hooks.acme.example/b");
        assertThat(patched.get("events").get(0).asText()).isEqualTo("message.received");

        JsonNode paused = json(admin.call("POST", PATH + "/" + id + "/disable", null)).get("data");
        assertThat(paused.get("enabled").asBoolean()).isFalse();
        assertThat(paused.get("state").get("status").asText()).isEqualTo("paused");
        assertThat(json(admin.call("POST", PATH + "/" + id + "/enable", null)).get("data").get("enabled")
                .asBoolean()).isTrue();

        String oldEncrypted = app.context().getBean(WebhookTables.class).endpoint(id).getEncryptedSecret();
        HttpResponse<String> rotated = admin.call("POST", PATH + "/" + id + "/rotate-secret", null);
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        String secret = json(rotated).get("data").get("secret").asText();
        String encrypted = app.context().getBean(WebhookTables.class).endpoint(id).getEncryptedSecret();
        assertThat(encrypted).isNotEqualTo(oldEncrypted);
        assertThat(SecretCipher.fromBase64(MASTER_KEY).decrypt(encrypted)).isEqualTo(secret);

        HttpResponse<String> deleted = admin.call("DELETE", PATH + "/" + id, null);
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
        assertThat(admin.call("GET", PATH + "/" + id, null).statusCode()).isEqualTo(404);
    }

    @Test
    void theDispatchersDisableIsShownWithItsReasonUntilTheEndpointIsEnabledAgain() throws Exception {
        String accountId = admin.createAccount();
        String id = json(admin.call("POST", PATH, """
                {"account_id":"%s","url":"https://hooks.acme.example/c","events":["message.status"]}"""
                .formatted(accountId))).get("data").get("id").asText();
        Instant since = Instant.now().minusSeconds(86_400);
        publishHealth(WebhookEndpointHealth.newBuilder().setEndpointId(id).setState("DISABLED")
                .setFailingSince(since).setLastFailureAt(Instant.now()).setLastError("HTTP 503")
                .setDisabledAt(Instant.now().plusSeconds(1)).setDisabledReason("No delivery succeeded for 24 h")
                .setUpdatedAt(Instant.now()).build());

        await().atMost(Duration.ofSeconds(10)).until(() -> json(admin.call("GET", PATH + "/" + id, null))
                .get("data").get("state").get("status").asText().equals("disabled"));
        JsonNode state = json(admin.call("GET", PATH + "/" + id, null)).get("data").get("state");
        assertThat(state.get("disabled_reason").asText()).contains("24 h");
        assertThat(state.get("last_error").asText()).isEqualTo("HTTP 503");
        assertThat(state.get("failing_since").asText()).isNotEmpty();

        await().atMost(Duration.ofSeconds(5)).until(() -> json(admin.call("POST", PATH + "/" + id + "/enable",
                null)).get("data").get("state").get("status").asText().equals("active"));
    }

    @Test
    void invalidRequestsAreRefusedNamingTheField() {
        String accountId = admin.createAccount();
        HttpResponse<String> badEvent = admin.call("POST", PATH, """
                {"account_id":"%s","url":"https://hooks.acme.example/","events":["message.sent"]}"""
                .formatted(accountId));
        assertThat(badEvent.statusCode()).isEqualTo(400);
        assertThat(badEvent.body()).contains("events");
        HttpResponse<String> badUrl = admin.call("POST", PATH, """
                {"account_id":"%s","url":"ftp://hooks.acme.example/","events":["message.status"]}"""
                .formatted(accountId));
        assertThat(badUrl.statusCode()).isEqualTo(400);
        assertThat(badUrl.body()).contains("url");
        HttpResponse<String> unknownAccount = admin.call("POST", PATH, """
                {"account_id":"acct-nobody","url":"https://hooks.acme.example/","events":["message.status"]}""");
        assertThat(unknownAccount.statusCode()).isEqualTo(404);
        assertThat(app.send("GET", PATH, null).statusCode()).isEqualTo(401);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theOpenApiDocumentsExamplesWorkAsWritten() throws Exception {
        Map<String, Object> document;
        try (var in = getClass().getResourceAsStream("/openapi/switchboard-api.yaml")) {
            document = new org.yaml.snakeyaml.Yaml().load(in);
        }
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) document.get("paths");
        String accountId = admin.createAccount();
        String create = example(paths.get(PATH).get("post")).replace("\"demo\"", "\"" + accountId + "\"");
        HttpResponse<String> created = admin.call("POST", PATH, create);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = json(created).get("data").get("id").asText();
        HttpResponse<String> patched = admin.call("PATCH", PATH + "/" + id,
                example(paths.get(PATH + "/{endpoint_id}").get("patch")));
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
        for (String action : List.of("rotate-secret", "disable", "enable")) {
            assertThat(paths).containsKey(PATH + "/{endpoint_id}/" + action);
            assertThat(admin.call("POST", PATH + "/" + id + "/" + action, null).statusCode()).isEqualTo(200);
        }
    }

    @SuppressWarnings("unchecked")
    private static String example(Object operation) throws Exception {
        Map<String, Object> body = (Map<String, Object>) ((Map<String, Object>) operation).get("requestBody");
        Object example = ((Map<String, Map<String, Object>>) body.get("content")).get("application/json")
                .get("example");
        return IngressApp.JSON.writeValueAsString(example);
    }

    private static void publishHealth(WebhookEndpointHealth health) throws Exception {
        try (KafkaProducer<String, WebhookEndpointHealth> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafka().bootstrapServers()),
                Topics.WEBHOOK_ENDPOINT_HEALTH.keySerde().serializer(),
                Topics.WEBHOOK_ENDPOINT_HEALTH.valueSerde(TestInfrastructure.registryUrl()).serializer())) {
            producer.send(new ProducerRecord<>(Topics.WEBHOOK_ENDPOINT_HEALTH.name(), health.getEndpointId(),
                    health)).get();
        }
    }
}

package io.switchboard.ingress.admin;

import static io.switchboard.ingress.support.IngressApp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.ingress.auth.ApiKeyHashes;
import io.switchboard.schemas.crypto.SecretCipher;
import io.switchboard.ingress.support.AdminCalls;
import io.switchboard.ingress.support.IngressApp;
import io.switchboard.ingress.support.LogCapture;
import io.switchboard.ingress.support.TestInfrastructure;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.ApiKey;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The admin API end to end on two ingress instances sharing Kafka and Redis: an account and a key are created on
 * one, the key sends on both, and deactivation, activation and deletion take effect on the instance that made them
 * at once and on the other within a second; the key's holder is told which of them stopped it.
 */
class AdminKeyLifecycleTest {

    private static final String TEXT = "{\"to\":\"+919876543210\",\"message\":\"Hello from a managed key\"}";
    private static final String MASTER_KEY = AdminCalls.newMasterKey();

    private static LogCapture logs;
    private static IngressApp app;
    private static IngressApp other;
    private static AdminCalls admin;

    @BeforeAll
    static void start() {
        logs = new LogCapture();
        app = IngressApp.start(Map.of("switchboard.ingress.admin-token", AdminCalls.ADMIN_TOKEN,
                "switchboard.ingress.master-key", MASTER_KEY));
        other = IngressApp.start(Map.of());
        admin = new AdminCalls(app, AdminCalls.ADMIN_TOKEN);
    }

    @AfterAll
    static void stop() {
        other.close();
        app.close();
        logs.close();
    }

    @Test
    void aCreatedKeySendsAndDeactivationActivationAndDeletionTakeEffectOnEveryInstanceWithinASecond() {
        String accountId = admin.createAccount();
        JsonNode created = admin.createKey("""
                {"name":"Production Order Notifications","description":"order status updates",
                 "account_id":"%s","permissions":["send_text","view_messages"]}""".formatted(accountId));
        String key = created.get("api_key").asText();
        String id = created.get("id").asText();

        assertThat(app.postText(key, TEXT).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(1)).until(() -> other.postText(key, TEXT).statusCode() == 202);

        HttpResponse<String> deactivated = admin.call("POST", "/api/v1/admin/keys/" + id + "/deactivate", null);
        assertThat(deactivated.statusCode()).as(deactivated.body()).isEqualTo(200);
        assertThat(json(deactivated).get("data").get("active").asBoolean()).isFalse();
        assertRefused(app.postText(key, TEXT), "API_KEY_DEACTIVATED");
        await().atMost(Duration.ofSeconds(1)).until(() -> other.postText(key, TEXT).statusCode() == 401);

        HttpResponse<String> activated = admin.call("POST", "/api/v1/admin/keys/" + id + "/activate", null);
        assertThat(json(activated).get("data").get("active").asBoolean()).isTrue();
        assertThat(app.postText(key, TEXT).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(1)).until(() -> other.postText(key, TEXT).statusCode() == 202);

        HttpResponse<String> deleted = admin.call("DELETE", "/api/v1/admin/keys/" + id, null);
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
        assertThat(json(deleted).get("data").get("deleted").asBoolean()).isTrue();
        assertRefused(app.postText(key, TEXT), "API_KEY_DELETED");
        await().atMost(Duration.ofSeconds(1)).until(() -> other.postText(key, TEXT).statusCode() == 401);
        assertRefused(other.postText(key, TEXT), "API_KEY_DELETED");
        assertThat(admin.call("GET", "/api/v1/admin/keys/" + id, null).statusCode()).isEqualTo(404);
        assertThat(admin.call("DELETE", "/api/v1/admin/keys/" + id, null).statusCode()).isEqualTo(404);
        assertThat(admin.call("GET", "/api/v1/admin/keys?account_id=" + accountId, null).body()).doesNotContain(id);
        ApiKey marker = await().atMost(Duration.ofSeconds(10)).until(() -> lastRecord(id),
                r -> r != null && r.getDeletedAt() != null);
        assertThat(marker.getActive()).isFalse();
        assertThat(marker.getEncryptedSecret()).isNull();
    }

    @Test
    void theKeyAndSecretAreShownOnceAndTheTopicHoldsOnlyTheHashAndTheEncryptedSecret() {
        String accountId = admin.createAccount();
        HttpResponse<String> response = admin.call("POST", "/api/v1/admin/keys", """
                {"name":"Signed key","account_id":"%s","permissions":["send_template"],"rate_limit":120,
                 "daily_limit":10000,"expires_at":"2099-01-01T00:00:00Z","require_signature":true}"""
                .formatted(accountId));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode body = json(response);
        assertThat(body.get("success").asBoolean()).isTrue();
        assertThat(body.get("meta").get("request_id").asText()).startsWith("req_");
        JsonNode data = body.get("data");
        String key = data.get("api_key").asText();
        String secret = data.get("api_secret").asText();
        String id = data.get("id").asText();
        assertThat(key).matches("pk_live_[a-z0-9]{32}");
        assertThat(secret).matches("sk_live_[a-z0-9]{32}");
        assertThat(id).isEqualTo(ApiKeyHashes.keyId(key));
        assertThat(data.get("key_prefix").asText()).isEqualTo(key.substring(0, 12));
        assertThat(data.get("permissions")).hasSize(1);
        assertThat(data.get("permissions").get(0).asText()).isEqualTo("send_template");
        assertThat(data.get("rate_limit").asInt()).isEqualTo(120);
        assertThat(data.get("daily_limit").asInt()).isEqualTo(10000);
        assertThat(data.get("expires_at").asText()).isEqualTo("2099-01-01T00:00:00.000Z");
        assertThat(data.get("require_signature").asBoolean()).isTrue();
        assertThat(data.get("active").asBoolean()).isTrue();

        String fetched = admin.call("GET", "/api/v1/admin/keys/" + id, null).body();
        String listed = admin.call("GET", "/api/v1/admin/keys?account_id=" + accountId, null).body();
        String all = admin.call("GET", "/api/v1/admin/keys", null).body();
        for (String shown : List.of(fetched, listed, all)) {
            assertThat(shown).contains(id).doesNotContain(key).doesNotContain(secret)
                    .doesNotContain(ApiKeyHashes.sha256Hex(key)).doesNotContain("api_secret");
        }
        assertThat(json(admin.call("GET", "/api/v1/admin/keys?account_id=" + accountId, null)).get("data"))
                .hasSize(1);

        ApiKey record = await().atMost(Duration.ofSeconds(10)).until(() -> lastRecord(id), r -> r != null);
        assertThat(record.getKeyHash()).isEqualTo(ApiKeyHashes.sha256Hex(key));
        assertThat(record.toString()).doesNotContain(key).doesNotContain(secret);
        assertThat(SecretCipher.fromBase64(MASTER_KEY).decrypt(record.getEncryptedSecret())).isEqualTo(secret);
        assertThat(logs.lines()).noneMatch(line -> line.contains(key) || line.contains(secret)
                || line.contains(MASTER_KEY) || line.contains(AdminCalls.ADMIN_TOKEN));
    }

    @Test
    void anExpiredKeyIsRefused() {
        String accountId = admin.createAccount();
        Instant expiresAt = Instant.now().plusSeconds(2);
        String key = admin.createKey("""
                {"name":"Short-lived","account_id":"%s","permissions":["send_text"],"expires_at":"%s"}"""
                .formatted(accountId, expiresAt)).get("api_key").asText();

        await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(expiresAt));
        assertRefused(app.postText(key, TEXT), "API_KEY_EXPIRED");
    }

    @Test
    void aKeyWithoutSendTextMayNotSendText() {
        String accountId = admin.createAccount();
        String key = admin.createKey("""
                {"name":"Status only","account_id":"%s","permissions":["view_messages"]}""".formatted(accountId))
                .get("api_key").asText();

        HttpResponse<String> response = app.postText(key, TEXT);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(json(response).get("error").get("code").asText()).isEqualTo("PERMISSION_DENIED");
    }

    @Test
    void patchTogglesTheActiveFlag() {
        String accountId = admin.createAccount();
        JsonNode created = admin.createKey("""
                {"name":"Toggle","account_id":"%s","permissions":["send_text"]}""".formatted(accountId));
        String path = "/api/v1/admin/keys/" + created.get("id").asText();

        assertThat(json(admin.call("PATCH", path, "{\"active\":false}")).get("data").get("active").asBoolean())
                .isFalse();
        assertRefused(app.postText(created.get("api_key").asText(), TEXT), "API_KEY_DEACTIVATED");
        assertThat(json(admin.call("PATCH", path, "{\"active\":true}")).get("data").get("active").asBoolean())
                .isTrue();
        assertThat(app.postText(created.get("api_key").asText(), TEXT).statusCode()).isEqualTo(202);
        HttpResponse<String> noFlag = admin.call("PATCH", path, "{\"name\":\"x\"}");
        assertThat(noFlag.statusCode()).isEqualTo(400);
        assertThat(json(noFlag).get("error").get("message").asText()).isEqualTo("active is required");
    }

    @Test
    void accountsAreListedAndFetched() {
        String accountId = admin.createAccount();

        JsonNode listed = json(admin.call("GET", "/api/v1/admin/accounts", null)).get("data");
        JsonNode fetched = json(admin.call("GET", "/api/v1/admin/accounts/" + accountId, null)).get("data");

        assertThat(listed.findValuesAsText("account_id")).contains(accountId, app.accountId());
        assertThat(fetched.get("name").asText()).isEqualTo("Acme Retail");
        assertThat(fetched.get("waba_id").asText()).isEqualTo("102290129340398");
        assertThat(fetched.get("display_phone_number").asText()).isEqualTo("+15550001234");
        assertThat(fetched.get("messages_per_second").asInt()).isEqualTo(80);
        HttpResponse<String> replaced = admin.call("POST", "/api/v1/admin/accounts", """
                {"account_id":"%s","name":"Acme Retail EU","waba_id":"1","phone_number_id":"2",
                 "messages_per_second":250}""".formatted(accountId));
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        assertThat(json(replaced).get("data").get("created_at").asText())
                .isEqualTo(fetched.get("created_at").asText());
        assertThat(admin.call("GET", "/api/v1/admin/accounts/nope-" + accountId, null).statusCode())
                .isEqualTo(404);
    }

    private static void assertRefused(HttpResponse<String> response, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(json(response).get("error").get("code").asText()).isEqualTo(code);
    }

    /** The latest api-keys record of this id, read from the topic itself. */
    private static ApiKey lastRecord(String keyId) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafka().bootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, ApiKey> consumer = new KafkaConsumer<>(props,
                Topics.API_KEYS.keySerde().deserializer(),
                Topics.API_KEYS.valueSerde(TestInfrastructure.registryUrl()).deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.API_KEYS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            ApiKey found = null;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    if (keyId.equals(record.key())) {
                        found = record.value();
                    }
                }
            }
            return found;
        }
    }
}

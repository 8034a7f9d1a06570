package io.switchboard.ingress.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.ingress.support.CloudApiPeer;
import io.switchboard.ingress.support.ConfigRecords;
import io.switchboard.ingress.support.ContractClient;
import io.switchboard.ingress.support.ContractClient.Answer;
import io.switchboard.ingress.support.InboundMessages;
import io.switchboard.ingress.support.IngressApp;
import io.switchboard.ingress.support.OpenApiSpec;
import io.switchboard.ingress.templates.TemplateStore;
import io.switchboard.schemas.avro.Account;
import io.switchboard.schemas.avro.ApiKey;
import io.switchboard.schemas.avro.Permission;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Every kind of send, in simulate mode too, and every error a send can answer, made as real requests to a running
 * api-ingress (real broker, Redis and registry; a {@link CloudApiPeer} for templates and uploads): each answer's status
 * is documented for its operation and its headers and body match the OpenAPI document's schema (the Atlassian
 * validator, strict about undocumented properties); each request sent as valid matches the document's request schema.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenApiSendAnswersTest {

    /** The operations this class answers for (the other answers tests take the rest). */
    static final List<String> OPERATIONS = List.of("sendText", "sendTemplate", "sendTemplateNamed", "sendList",
            "sendButtons", "sendMedia");

    private static final String JSON = "application/json";
    private static CloudApiPeer peer;
    private static IngressApp app;
    private static ContractClient client;
    private static String customer;

    @BeforeAll
    static void start() {
        peer = new CloudApiPeer();
        Map<String, Object> config = new HashMap<>(peer.config());
        config.put("switchboard.ingress.enforce-window", true);
        // Many sends go to one customer; the limits have their own test (the 429 here uses a key of its own).
        config.put("switchboard.ingress.per-recipient-limit", 1000);
        config.put("switchboard.ingress.bootstrap.rate-limit-per-minute", 1000);
        app = IngressApp.start(config);
        client = new ContractClient(OpenApiSpec.shipped(), app.uri("").toString());
        await("templates synchronised").atMost(Duration.ofSeconds(20))
                .until(() -> app.context().getBean(TemplateStore.class).ofAccount(app.accountId()).size() == 8);
        customer = InboundMessages.customer();
        InboundMessages.publish(InboundMessages.message(app.phoneNumberId(), customer, "wamid.w-" + UUID.randomUUID(),
                Instant.now(), "text").setText("hello")
                .setRawJson("{\"type\":\"text\",\"text\":{\"body\":\"hello\"}}").build());
        // The customer's message opens the 24-hour window: a free-form text is then accepted.
        await("window open").atMost(Duration.ofSeconds(20)).until(() -> app.postText(app.apiKey(),
                "{\"to\":\"" + customer + "\",\"message\":\"ping\"}").statusCode() == 202);
    }

    @AfterAll
    static void stop() {
        app.close();
        peer.close();
    }

    private static Answer send(String path, String json, String... headers) {
        return client.valid("POST", "/api/v1/external/messages" + path, json, with(headers));
    }

    private static String[] with(String... headers) {
        String[] all = new String[headers.length + 4];
        all[0] = "Content-Type";
        all[1] = JSON;
        all[2] = "X-API-Key";
        all[3] = app.apiKey();
        System.arraycopy(headers, 0, all, 4, headers.length);
        return all;
    }

    @Test
    @Order(1)
    void everyKindOfSendAnswersAsDocumented() {
        String to = "\"to\":\"" + customer + "\"";
        assertThat(send("/text", "{" + to + ",\"message\":\"Your parcel is on its way\",\"reference\":\"r-1\"}")
                .status()).isEqualTo(202);
        assertThat(send("/template", "{" + to + ",\"template_name\":\"order_confirmation\",\"language\":\"en\","
                + "\"components\":[{\"type\":\"body\",\"parameters\":[{\"type\":\"text\",\"text\":\"John\"},"
                + "{\"type\":\"text\",\"text\":\"ORD-1\"},{\"type\":\"text\",\"text\":\"$9\"}]}]}").status())
                .isEqualTo(202);
        // A template without parameters needs no components.
        assertThat(send("/template", "{" + to + ",\"template_name\":\"welcome_message\",\"language\":\"en\"}")
                .status()).isEqualTo(202);
        // A number is taken as a variable's value; an unused variable is a warning.
        Answer named = send("/template/send", "{" + to + ",\"template_name\":\"order_confirmation\","
                + "\"language\":\"en\",\"variables\":{\"customer_name\":\"John\",\"order_id\":12345,"
                + "\"total\":99.5,\"delivery_date\":\"tomorrow\"}}");
        assertThat(named.status()).as(named.body()).isEqualTo(202);
        assertThat(named.json().path("data").path("warnings")).hasSize(1);
        assertThat(send("/interactive/list", "{" + to + ",\"body\":\"Pick one\",\"button\":\"Menu\",\"sections\":"
                + "[{\"title\":\"Food\",\"rows\":[{\"id\":\"r1\",\"title\":\"Pizza\",\"description\":\"Large\"}]}]}")
                .status()).isEqualTo(202);
        assertThat(send("/interactive/button", "{" + to + ",\"header\":{\"type\":\"image\",\"image\":{\"link\":"
                + "\"https://example.com/p.jpg\"}},\"body\":\"Confirm?\",\"buttons\":[{\"id\":\"y\",\"title\":\"Yes\"}]}")
                .status()).isEqualTo(202);
        assertThat(send("/media", "{" + to + ",\"type\":\"document\",\"link\":\"https://example.com/i.pdf\","
                + "\"filename\":\"i.pdf\",\"caption\":\"Invoice\"}").status()).isEqualTo(202);
        assertThat(send("/media", "{" + to + ",\"type\":\"image\",\"mime_type\":\"image/png\",\"base64\":\""
                + Base64.getEncoder().encodeToString(new byte[] {1, 2, 3}) + "\"}").status()).isEqualTo(202);

        // New variable names: an authentication template's one-time code, a media header.
        assertThat(send("/template/send", "{" + to + ",\"template_name\":\"otp_code\",\"language\":\"en\","
                + "\"variables\":{\"code\":\"123456\"}}").status()).isEqualTo(202);
        assertThat(send("/template/send", "{" + to + ",\"template_name\":\"appointment_reminder\",\"language\":"
                + "\"en\",\"variables\":{\"header_image\":\"https://example.com/a.jpg\",\"1\":\"Ann\",\"2\":"
                + "\"Monday\"}}").status()).isEqualTo(202);

        Answer simulated = send("/text", "{" + to + ",\"message\":\"dry run\"}", "X-Simulate", "true");
        assertThat(simulated.status()).as(simulated.body()).isEqualTo(200);
        assertThat(simulated.json().path("data").path("whatsapp_request").path("type").asText()).isEqualTo("text");
        assertThat(client.valid("POST", "/api/v1/external/messages/template/send?simulate=true", "{" + to
                + ",\"template_name\":\"order_confirmation\",\"language\":\"en\",\"variables\":{\"customer_name\":"
                + "\"A\",\"order_id\":\"B\",\"total\":\"C\"}}", with()).status()).isEqualTo(200);

        String key = "idem-" + UUID.randomUUID();
        String body = "{" + to + ",\"message\":\"once\"}";
        assertThat(send("/text", body, "Idempotency-Key", key).status()).isEqualTo(202);
        Answer replayed = send("/text", body, "Idempotency-Key", key);
        assertThat(replayed.status()).isEqualTo(202);
        assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");

        assertThat(client.takeMismatches()).as("answers that do not match the document").isEmpty();
    }

    @Test
    @Order(2)
    void everyErrorOfASendAnswersAsDocumented() throws Exception {
        String to = "\"to\":\"" + customer + "\"";
        expect(400, "VALIDATION_ERROR", "/text", "{" + to + "}");
        expect(400, "INVALID_PHONE_NUMBER", "/text", "{\"to\":\"98765\",\"message\":\"hi\"}");
        expect(401, "INVALID_API_KEY", client.invalid("POST", "/api/v1/external/messages/text",
                "{" + to + ",\"message\":\"hi\"}", "Content-Type", JSON));
        String viewer = app.createKey(60, Permission.VIEW_TEMPLATES);
        expect(403, "PERMISSION_DENIED", client.invalid("POST", "/api/v1/external/messages/text",
                "{" + to + ",\"message\":\"hi\"}", "Content-Type", JSON, "X-API-Key", viewer));
        expect(404, "TEMPLATE_NOT_FOUND", "/template", "{" + to + ",\"template_name\":\"nope\",\"language\":\"en\"}");
        expect(413, "PAYLOAD_TOO_LARGE", client.invalid("POST", "/api/v1/external/messages/text",
                new byte[1_100_000], with()));
        expect(415, "UNSUPPORTED_MEDIA_TYPE", client.invalid("POST", "/api/v1/external/messages/text", "hello",
                "Content-Type", "text/plain", "X-API-Key", app.apiKey()));
        expect(422, "OUTSIDE_CUSTOMER_SERVICE_WINDOW", "/text",
                "{\"to\":\"" + InboundMessages.customer() + "\",\"message\":\"hi\"}");
        expect(422, "TEMPLATE_NOT_APPROVED", "/template/send",
                "{" + to + ",\"template_name\":\"summer_sale\",\"language\":\"en\",\"variables\":{\"1\":\"50%\"}}");
        String order = "{" + to + ",\"template_name\":\"order_confirmation\",\"language\":\"en\",\"variables\":";
        expect(422, "TEMPLATE_VARIABLE_MISSING", "/template/send", order + "{\"customer_name\":\"Ann\"}}");
        expect(422, "TEMPLATE_VARIABLE_INVALID", "/template/send", order + "{\"customer_name\":\"Ann\","
                + "\"order_id\":\"O-1\",\"total\":\"$1\",\"total_amount\":\"$2\"}}");
        expect(400, "VALIDATION_ERROR", "/template/send", order + "{\"customer_name\":true}}");
        String reused = "reuse-" + UUID.randomUUID();
        assertThat(send("/text", "{" + to + ",\"message\":\"a\"}", "Idempotency-Key", reused).status())
                .isEqualTo(202);
        expect(422, "IDEMPOTENCY_KEY_REUSED", client.invalid("POST", "/api/v1/external/messages/text",
                "{" + to + ",\"message\":\"b\"}", with("Idempotency-Key", reused)));

        String slow = "{" + to + ",\"type\":\"image\",\"mime_type\":\"image/png\",\"base64\":\"AQID\"}";
        String held = "held-" + UUID.randomUUID();
        int uploads = peer.uploads().size();
        CountDownLatch gate = peer.holdMedia();
        CompletableFuture<Answer> first = CompletableFuture.supplyAsync(() -> send("/media", slow,
                "Idempotency-Key", held));
        await("upload in flight").atMost(Duration.ofSeconds(10)).until(() -> peer.uploads().size() > uploads);
        expect(409, "IDEMPOTENCY_KEY_IN_PROGRESS", client.invalid("POST", "/api/v1/external/messages/media", slow,
                with("Idempotency-Key", held)));
        gate.countDown();
        assertThat(first.get().status()).isEqualTo(202);

        String once = app.createKey(1, Permission.SEND_TEXT);
        String text = "{" + to + ",\"message\":\"limited\"}";
        assertThat(client.valid("POST", "/api/v1/external/messages/text", text, "Content-Type", JSON,
                "X-API-Key", once).status()).isEqualTo(202);
        Answer limited = expect(429, "RATE_LIMIT_EXCEEDED", client.invalid("POST", "/api/v1/external/messages/text",
                text, "Content-Type", JSON, "X-API-Key", once));
        assertThat(limited.header("Retry-After")).isNotNull();
        // A refusal by the day's limit describes that limit, not the minute's.
        String daily = app.createKey(60, 1, Permission.SEND_TEXT);
        assertThat(client.valid("POST", "/api/v1/external/messages/text", text, "Content-Type", JSON,
                "X-API-Key", daily).status()).isEqualTo(202);
        Answer perDay = expect(429, "RATE_LIMIT_EXCEEDED", client.invalid("POST", "/api/v1/external/messages/text",
                text, "Content-Type", JSON, "X-API-Key", daily));
        assertThat(perDay.json().path("error").path("limit").asText()).isEqualTo("per_day");
        assertThat(perDay.header("RateLimit-Limit")).isEqualTo("1");
        assertThat(perDay.json().path("meta").path("rate_limit").path("limit").asInt()).isEqualTo(1);

        peer.answerMediaWith(500);
        try {
            expect(502, "MEDIA_UPLOAD_FAILED", "/media", slow);
        } finally {
            peer.answerMediaWith(200);
        }
        assertThat(client.takeMismatches()).as("answers that do not match the document").isEmpty();
    }

    @Test
    @Order(3)
    void aKeyThatNoLongerWorksOrWhoseAccountMayNotSendAnswersAsDocumented() {
        String body = "{\"to\":\"" + customer + "\",\"message\":\"hi\"}";
        Instant now = Instant.now();
        String deactivated = key(false, null, null);
        String expired = key(true, now.minusSeconds(60), null);
        String deleted = key(false, null, now);
        expectWhenRead(401, "API_KEY_DEACTIVATED", body, deactivated);
        expectWhenRead(401, "API_KEY_EXPIRED", body, expired);
        expectWhenRead(401, "API_KEY_DELETED", body, deleted);

        // An account naming a business number another account (the app's) owns may not send from it.
        String squatter = "acct-squat-" + UUID.randomUUID().toString().substring(0, 8);
        ConfigRecords.publish(Account.newBuilder().setAccountId(squatter).setName("Squatter").setWabaId("1")
                .setPhoneNumberId(app.phoneNumberId()).setMessagesPerSecond(80).setCreatedAt(now).build());
        expectWhenRead(403, "PHONE_NUMBER_NOT_OWNED", body, ConfigRecords.publishKey(squatter, Permission.SEND_TEXT));
        assertThat(client.takeMismatches()).as("answers that do not match the document").isEmpty();
    }

    @Test
    @Order(4)
    void everySendOperationAnsweredASuccessAndItsErrors() {
        assertThat(OPERATIONS).allMatch(client::succeeded);
        assertThat(client.exercised()).contains("sendText 400", "sendText 401", "sendText 403", "sendTemplate 404",
                "sendText 413", "sendText 415", "sendText 422", "sendTemplateNamed 422", "sendMedia 409",
                "sendText 429", "sendMedia 502", "sendText 200", "sendTemplateNamed 200", "sendTemplateNamed 400");
    }

    /** A key of the app's account, published as another instance or the admin API would have written it. */
    private static String key(boolean active, Instant expiresAt, Instant deletedAt) {
        String secret = "pk_live_" + UUID.randomUUID().toString().replace("-", "");
        ApiKey key = app.newKey(secret, 60, active, List.of(Permission.SEND_TEXT));
        key.setExpiresAt(expiresAt);
        key.setDeletedAt(deletedAt);
        IngressApp.publish(key);
        return secret;
    }

    /** Once the app has read the key's record (until then it is unknown), a text send with it answers the code. */
    private static void expectWhenRead(int status, String code, String body, String key) {
        await(code).atMost(Duration.ofSeconds(10)).until(() -> code.equals(IngressApp.json(app.postText(key, body))
                .path("error").path("code").asText()));
        expect(status, code, client.invalid("POST", "/api/v1/external/messages/text", body, "Content-Type", JSON,
                "X-API-Key", key));
    }

    private static Answer expect(int status, String code, String path, String json) {
        return expect(status, code, client.invalid("POST", "/api/v1/external/messages" + path, json, with()));
    }

    private static Answer expect(int status, String code, Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.json().path("error").path("code").asText()).isEqualTo(code);
        return answer;
    }
}

package io.switchboard.ingress.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.web.router.Router;
import io.switchboard.ingress.support.AdminCalls;
import io.switchboard.ingress.support.ContractClient;
import io.switchboard.ingress.support.ContractClient.Answer;
import io.switchboard.ingress.support.IngressApp;
import io.switchboard.ingress.support.OpenApiSpec;
import io.switchboard.ingress.support.OpenApiSpec.DocumentedOperation;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The ingress's admin API (accounts and their lifecycle, business numbers, keys, customer webhook endpoints, template
 * synchronisation, figures) and its operations endpoints (this document, health, metrics) called as an operator
 * would, each answer checked against the OpenAPI document with the Atlassian validator; and the server's routes
 * compared with the document: every route of the API is documented, every documented ingress path is served.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenApiAdminAnswersTest {

    static final List<String> OPERATIONS = List.of("putAccount", "listAccounts", "getAccount", "deleteAccount",
            "disableAccount", "enableAccount", "listPhoneNumbers", "getPhoneNumber", "listTemplateSync",
            "getTemplateSync", "syncTemplates", "createKey", "listKeys", "getKey", "patchKey", "deleteKey",
            "activateKey", "deactivateKey", "createWebhookEndpoint", "listWebhookEndpoints", "getWebhookEndpoint",
            "updateWebhookEndpoint", "deleteWebhookEndpoint", "rotateWebhookSecret", "disableWebhookEndpoint",
            "enableWebhookEndpoint", "stats", "openApiDocument", "health", "healthProbe", "prometheus", "metricNames",
            "metric");
    /** A caller's address as a trusted proxy forwards it: failed logins are throttled per address. */
    private static final String FORWARDED_FOR = "X-Forwarded-For";

    private static final String ADMIN = "/api/v1/admin";
    private static IngressApp app;
    private static ContractClient client;

    @BeforeAll
    static void start() {
        app = IngressApp.start(Map.of("switchboard.ingress.admin-token", AdminCalls.ADMIN_TOKEN,
                "switchboard.ingress.master-key", AdminCalls.newMasterKey(),
                "micronaut.server.client-address-header", FORWARDED_FOR));
        client = new ContractClient(OpenApiSpec.shipped(), app.uri("").toString());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static Answer admin(String method, String path, String json) {
        Answer answer = client.valid(method, ADMIN + path, json, json == null
                ? new String[] {"Authorization", "Bearer " + AdminCalls.ADMIN_TOKEN}
                : new String[] {"Authorization", "Bearer " + AdminCalls.ADMIN_TOKEN, "Content-Type", "application/json"});
        assertThat(answer.status()).as(method + " " + path + ": " + answer.body()).isBetween(200, 201);
        return answer;
    }

    private static void refused(String method, String path, String json, int status, String code,
                                String... headers) {
        Answer answer = client.invalid(method, ADMIN + path, json, headers.length == 0 ? new String[] {
                "Authorization", "Bearer " + AdminCalls.ADMIN_TOKEN, "Content-Type", "application/json"} : headers);
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.json().path("error").path("code").asText()).isEqualTo(code);
    }

    @Test
    @Order(1)
    void accountsKeysAndFiguresAnswerAsDocumented() {
        String account = "acme-" + Long.toHexString(System.nanoTime());
        String number = newNumber();
        String body = accountBody(account, number);
        assertThat(admin("POST", "/accounts", body).status()).isEqualTo(201);
        assertThat(admin("POST", "/accounts", body).status()).isEqualTo(200);
        admin("GET", "/accounts", null);
        admin("GET", "/accounts?status=active", null);
        admin("GET", "/accounts/" + account, null);
        assertThat(admin("GET", "/phone-numbers/" + number, null).json().path("data").path("account_id").asText())
                .isEqualTo(account);
        assertThat(admin("GET", "/phone-numbers?account_id=" + account, null).json().path("data")).hasSize(1);
        admin("GET", "/phone-numbers", null);
        admin("GET", "/stats?account_id=" + account, null);
        String key = admin("POST", "/keys", "{\"name\":\"Orders\",\"account_id\":\"" + account + "\","
                + "\"permissions\":[\"send_text\",\"view_messages\"],\"expires_at\":\"2099-01-01T00:00:00Z\","
                + "\"require_signature\":true}").json().path("data").path("id").asText();
        admin("GET", "/keys?account_id=" + account, null);
        admin("GET", "/keys/" + key, null);
        admin("POST", "/keys/" + key + "/deactivate", null);
        admin("POST", "/keys/" + key + "/activate", null);
        admin("PATCH", "/keys/" + key, "{\"active\":false}");
        admin("GET", "/stats", null);
        admin("DELETE", "/keys/" + key, null);

        refused("POST", "/accounts", "{\"account_id\":\"a b\"}", 400, "VALIDATION_ERROR");
        refused("POST", "/keys", "{\"name\":\"x\"}", 415, "UNSUPPORTED_MEDIA_TYPE",
                "Authorization", "Bearer " + AdminCalls.ADMIN_TOKEN, "Content-Type", "text/plain");
        refused("POST", "/keys", "{\"name\":\"x\",\"account_id\":\"nobody\",\"permissions\":[\"send_text\"]}", 404,
                "ACCOUNT_NOT_FOUND");
        refused("GET", "/accounts/nobody", null, 404, "ACCOUNT_NOT_FOUND");
        refused("GET", "/keys/0000000000000000", null, 404, "API_KEY_NOT_FOUND");
        refused("GET", "/keys", null, 401, "INVALID_ADMIN_TOKEN", "Authorization", "Bearer wrong");
        refused("GET", "/accounts?status=gone", null, 400, "VALIDATION_ERROR");
        refused("POST", "/accounts", accountBody("acme-squatter-" + Long.toHexString(System.nanoTime()), number), 409,
                "PHONE_NUMBER_TAKEN");
        refused("GET", "/phone-numbers/100000000000000", null, 404, "PHONE_NUMBER_NOT_FOUND");
        assertThat(client.takeMismatches()).as("answers that do not match the document").isEmpty();
    }

    @Test
    @Order(2)
    void anAccountsLifecycleAndTemplateSyncAnswerAsDocumented() {
        String account = "acme-life-" + Long.toHexString(System.nanoTime());
        admin("POST", "/accounts", accountBody(account, newNumber()));
        String key = admin("POST", "/keys", "{\"name\":\"Life\",\"account_id\":\"" + account + "\","
                + "\"permissions\":[\"view_messages\"]}").json().path("data").path("api_key").asText();
        admin("GET", "/template-sync", null);
        admin("GET", "/accounts/" + account + "/templates/sync", null);
        assertThat(admin("POST", "/accounts/" + account + "/templates/sync", null).json().path("data").path("state")
                .asText()).isEqualTo("failed");

        assertThat(admin("POST", "/accounts/" + account + "/disable", "{\"reason\":\"Payment overdue\"}").json()
                .path("data").path("status").asText()).isEqualTo("disabled");
        refusedToKey(key, 403, "ACCOUNT_DISABLED");
        refused("POST", "/accounts/" + account + "/disable", "{\"reason\":42}", 400, "VALIDATION_ERROR");
        refused("POST", "/accounts/" + account + "/disable", "reason", 415, "UNSUPPORTED_MEDIA_TYPE",
                "Authorization", "Bearer " + AdminCalls.ADMIN_TOKEN, "Content-Type", "text/plain");
        admin("POST", "/accounts/" + account + "/enable", null);
        assertThat(admin("DELETE", "/accounts/" + account, "{\"reason\":\"Contract ended\"}").json().path("data")
                .path("status").asText()).isEqualTo("deleted");
        admin("DELETE", "/accounts/" + account, null);
        refusedToKey(key, 403, "ACCOUNT_DELETED");

        refused("POST", "/accounts/" + account + "/enable", null, 409, "ACCOUNT_IS_DELETED");
        refused("POST", "/accounts/" + account + "/disable", null, 409, "ACCOUNT_IS_DELETED");
        refused("POST", "/accounts", accountBody(account, newNumber()), 409, "ACCOUNT_IS_DELETED");
        refused("POST", "/keys", "{\"name\":\"x\",\"account_id\":\"" + account + "\",\"permissions\":"
                + "[\"send_text\"]}", 409, "ACCOUNT_IS_DELETED");
        refused("POST", "/webhooks", "{\"account_id\":\"" + account + "\",\"url\":\"https://hooks.acme.example/x\","
                + "\"events\":[\"message.status\"]}", 409, "ACCOUNT_IS_DELETED");
        refused("GET", "/accounts/" + account + "/templates/sync", null, 404, "ACCOUNT_NOT_FOUND");
        refused("POST", "/accounts/" + account + "/templates/sync", null, 404, "ACCOUNT_NOT_FOUND");
        refused("DELETE", "/accounts/nobody", null, 404, "ACCOUNT_NOT_FOUND");
        refused("POST", "/accounts/nobody/enable", null, 404, "ACCOUNT_NOT_FOUND");
        assertThat(client.takeMismatches()).as("answers that do not match the document").isEmpty();
    }

    @Test
    @Order(3)
    void webhookEndpointsAnswerAsDocumented() {
        String id = admin("POST", "/webhooks", "{\"account_id\":\"" + app.accountId() + "\",\"url\":"
                + "\"https://hooks.acme.example/whatsapp\",\"events\":[\"message.status\",\"message.received\"],"
                + "\"description\":\"orders\"}").json().path("data").path("id").asText();
        admin("GET", "/webhooks?account_id=" + app.accountId(), null);
        admin("GET", "/webhooks/" + id, null);
        admin("PATCH", "/webhooks/" + id, "{\"url\":\"https://hooks.acme.example/v2\",\"events\":[\"message.status\"]}");
        admin("POST", "/webhooks/" + id + "/rotate-secret", null);
        admin("POST", "/webhooks/" + id + "/disable", null);
        admin("POST", "/webhooks/" + id + "/enable", null);
        admin("DELETE", "/webhooks/" + id, null);

        refused("GET", "/webhooks/" + id, null, 404, "NOT_FOUND");
        refused("POST", "/webhooks", "{\"account_id\":\"" + app.accountId() + "\",\"url\":\"ftp://x\","
                + "\"events\":[\"message.status\"]}", 400, "VALIDATION_ERROR");
        assertThat(client.takeMismatches()).as("answers that do not match the document").isEmpty();
    }

    @Test
    @Order(4)
    void theDocumentHealthAndMetricsAnswerAsDocumented() {
        Answer document = client.valid("GET", "/api/v1/openapi.yaml", null);
        assertThat(document.body()).isEqualTo(OpenApiSpec.shipped().text());
        assertThat(client.valid("GET", "/health", null).status()).isEqualTo(200);
        assertThat(client.valid("GET", "/health/liveness", null).status()).isEqualTo(200);
        assertThat(client.valid("GET", "/health/readiness", null).status()).isEqualTo(200);
        assertThat(client.valid("GET", "/prometheus", null).body()).contains("jvm_memory_used_bytes");
        assertThat(client.valid("GET", "/metrics", null).json().path("names")).isNotEmpty();
        assertThat(client.valid("GET", "/metrics/jvm.memory.used?tag=area:heap", null).status()).isEqualTo(200);
        assertThat(client.takeMismatches()).as("answers that do not match the document").isEmpty();
    }

    @Test
    @Order(5)
    void anAddressThatKeepsFailingToAuthenticateIsThrottledAsDocumented() {
        String[] guesser = {"Authorization", "Bearer guess", FORWARDED_FOR, "203.0.113.77"};
        for (int i = 0; i < 10; i++) {
            refused("GET", "/accounts", null, 401, "INVALID_ADMIN_TOKEN", guesser);
        }
        Answer throttled = client.invalid("GET", ADMIN + "/accounts", (byte[]) null, "Authorization",
                "Bearer " + AdminCalls.ADMIN_TOKEN, FORWARDED_FOR, "203.0.113.77");
        assertThat(throttled.status()).as(throttled.body()).isEqualTo(429);
        assertThat(throttled.json().path("error").path("code").asText()).isEqualTo("TOO_MANY_FAILED_AUTHENTICATIONS");
        assertThat(throttled.header("Retry-After")).isEqualTo(throttled.json().path("error").path("retry_after")
                .asText());
        assertThat(client.takeMismatches()).as("answers that do not match the document").isEmpty();
    }

    @Test
    @Order(6)
    void everyRouteOfTheServerIsDocumentedAndEveryDocumentedIngressPathIsServed() {
        Set<String> routes = app.context().getBean(Router.class).uriRoutes()
                .filter(route -> !List.of("HEAD", "OPTIONS").contains(route.getHttpMethodName()))
                .map(route -> route.getHttpMethodName() + " " + normalized(route.getUriMatchTemplate().toPathString()))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> documented = OpenApiSpec.shipped().operations().stream()
                .filter(DocumentedOperation::servedByIngress)
                .map(operation -> operation.method() + " " + normalized(operation.path()))
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(routes).as("routes of the server").containsAll(documented);
        // Micronaut's sensitive management endpoints (beans, routes, threaddump, refresh, ...) refuse everyone; the
        // API's own routes all refuse a caller without credentials too, so they are simply all documented.
        Set<String> undocumented = new TreeSet<>(routes);
        undocumented.removeAll(documented);
        assertThat(undocumented).as("routes of the API that are not in the document")
                .noneMatch(route -> route.split(" ")[1].startsWith("/api/"));
        for (String route : undocumented) {
            String[] methodAndPath = route.split(" ");
            int status = app.send(methodAndPath[0], methodAndPath[1].replace("{}", "x"), null).statusCode();
            assertThat(status).as(route + " is not in the document, so it must refuse every caller").isEqualTo(401);
        }
    }

    @Test
    @Order(7)
    void everyAdminAndOperationsEndpointAnsweredASuccessAndEveryIngressOperationIsTested() {
        assertThat(OPERATIONS).allMatch(client::succeeded);
        assertThat(client.exercised()).contains("putAccount 400", "putAccount 409", "createKey 404", "createKey 409",
                "createKey 415", "getAccount 404", "getKey 404", "listKeys 401", "listAccounts 400",
                "listAccounts 429", "getPhoneNumber 404", "deleteAccount 404", "disableAccount 400",
                "disableAccount 409", "disableAccount 415", "enableAccount 409", "getTemplateSync 404",
                "syncTemplates 404", "getWebhookEndpoint 404", "createWebhookEndpoint 400",
                "createWebhookEndpoint 409", "getMessage 403");
        List<String> ingress = OpenApiSpec.shipped().operations().stream().filter(DocumentedOperation::servedByIngress)
                .map(DocumentedOperation::operationId).toList();
        assertThat(Stream.of(OPERATIONS, OpenApiSendAnswersTest.OPERATIONS, OpenApiQueryAnswersTest.OPERATIONS,
                        OpenApiStatusAnswersTest.OPERATIONS).flatMap(List::stream).toList())
                .as("operations with an answers test").containsExactlyInAnyOrderElementsOf(ingress);
    }

    /** A call of the public API with a key of an account that may not use it. */
    private static void refusedToKey(String key, int status, String code) {
        Answer answer = client.invalid("GET", "/api/v1/external/messages/" + UUID.randomUUID(), (byte[]) null,
                "X-API-Key", key);
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.json().path("error").path("code").asText()).isEqualTo(code);
    }

    private static String accountBody(String account, String number) {
        return "{\"account_id\":\"" + account + "\",\"name\":\"Acme\",\"waba_id\":\"102290129340398\","
                + "\"phone_number_id\":\"" + number + "\"}";
    }

    private static String newNumber() {
        return Long.toString(109_000_000_000_000L + Math.floorMod(UUID.randomUUID().getMostSignificantBits(),
                1_000_000_000_000L));
    }

    /** A path with its variables' names left out: {@code /keys/{id}} and {@code /keys/{keyId}} are one route. */
    private static String normalized(String path) {
        return path.replaceAll("\\{[^}]*}", "{}");
    }
}

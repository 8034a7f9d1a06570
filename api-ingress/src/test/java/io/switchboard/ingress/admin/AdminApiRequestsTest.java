package io.switchboard.ingress.admin;

import static io.switchboard.ingress.support.IngressApp.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.ingress.support.AdminCalls;
import io.switchboard.ingress.support.IngressApp;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Who may call the admin API, and what it answers to bad requests: every refusal names its reason or field. */
class AdminApiRequestsTest {

    private static IngressApp app;
    private static AdminCalls admin;
    private static String accountId;

    @BeforeAll
    static void start() {
        // Many refusals from one address: the failure throttle has a test of its own (AdminAuthFailuresTest).
        app = IngressApp.start(Map.of("switchboard.ingress.admin-token", AdminCalls.ADMIN_TOKEN,
                "switchboard.ingress.master-key", AdminCalls.newMasterKey(),
                "switchboard.ingress.admin-auth.max-failures", 1000));
        admin = new AdminCalls(app, AdminCalls.ADMIN_TOKEN);
        accountId = admin.createAccount();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void aMissingMalformedOrWrongAdminTokenIsRefusedWith401() {
        String[][] headers = {
                {},
                {"Authorization", "Bearer wrong-token"},
                {"Authorization", "Basic " + AdminCalls.ADMIN_TOKEN},
                {"Authorization", AdminCalls.ADMIN_TOKEN},
                {"Authorization", "Bearer " + AdminCalls.ADMIN_TOKEN + "x"},
                {"X-API-Key", app.apiKey()}};
        for (String[] header : headers) {
            for (String path : new String[] {"/api/v1/admin/keys", "/api/v1/admin/accounts"}) {
                HttpResponse<String> response = app.send("GET", path, null, header);
                assertThat(response.statusCode()).as(String.join(" ", header)).isEqualTo(401);
                assertThat(json(response).get("error").get("code").asText()).isEqualTo("INVALID_ADMIN_TOKEN");
            }
        }
        HttpResponse<String> create = app.send("POST", "/api/v1/admin/keys", "{}".getBytes(),
                "Authorization", "Bearer nope");
        assertThat(create.statusCode()).isEqualTo(401);
        assertThat(app.send("GET", "/api/v1/admin/keys", null, "Authorization", "bearer " + AdminCalls.ADMIN_TOKEN)
                .statusCode()).isEqualTo(200);
    }

    @Test
    void keyCreationErrorsNameTheField() {
        String valid = "\"name\":\"n\",\"account_id\":\"" + accountId + "\",\"permissions\":[\"send_text\"]";
        Map<String, String> cases = Map.ofEntries(
                Map.entry("{\"account_id\":\"" + accountId + "\",\"permissions\":[\"send_text\"]}",
                        "name is required"),
                Map.entry("{" + valid.replace("\"n\"", "\"" + "x".repeat(101) + "\"") + "}",
                        "name must be at most 100 characters"),
                Map.entry("{\"name\":\"n\",\"permissions\":[\"send_text\"]}", "account_id is required"),
                Map.entry("{\"name\":\"n\",\"account_id\":\"" + accountId + "\"}", "permissions is required"),
                Map.entry("{\"name\":\"n\",\"account_id\":\"" + accountId + "\",\"permissions\":[]}",
                        "permissions must name at least one of: send_text, send_template, send_media, "
                                + "view_templates, view_messages"),
                Map.entry("{\"name\":\"n\",\"account_id\":\"" + accountId + "\",\"permissions\":[\"send_fax\"]}",
                        "permissions: unknown permission 'send_fax'; known: send_text, send_template, send_media, "
                                + "view_templates, view_messages"),
                Map.entry("{" + valid + ",\"rate_limit\":0}", "rate_limit must be an integer from 1 to 100000"),
                Map.entry("{" + valid + ",\"rate_limit\":100001}", "rate_limit must be an integer from 1 to 100000"),
                Map.entry("{" + valid + ",\"daily_limit\":\"5000\"}",
                        "daily_limit must be an integer from 1 to 10000000"),
                Map.entry("{" + valid + ",\"expires_at\":\"2020-01-01T00:00:00Z\"}",
                        "expires_at must be in the future"),
                Map.entry("{" + valid + ",\"expires_at\":\"next week\"}",
                        "expires_at must be an ISO-8601 date-time with offset, e.g. 2026-01-31T00:00:00Z"),
                Map.entry("{" + valid + ",\"require_signature\":\"yes\"}", "require_signature must be true or false"),
                Map.entry("[]", "Request body must be a JSON object"));
        cases.forEach((body, message) -> {
            HttpResponse<String> response = admin.call("POST", "/api/v1/admin/keys", body);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(json(response).get("error").get("code").asText()).isEqualTo("VALIDATION_ERROR");
            assertThat(json(response).get("error").get("message").asText()).as(body).isEqualTo(message);
        });
    }

    @Test
    void aKeyForAnUnknownAccountIsRefusedNamingTheAccount() {
        HttpResponse<String> response = admin.call("POST", "/api/v1/admin/keys",
                "{\"name\":\"n\",\"account_id\":\"no-such-account\",\"permissions\":[\"send_text\"]}");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).get("error").get("code").asText()).isEqualTo("ACCOUNT_NOT_FOUND");
        assertThat(json(response).get("error").get("message").asText()).contains("account_id", "'no-such-account'");
    }

    @Test
    void unknownKeyIdsAnswer404() {
        for (String[] call : new String[][] {{"GET", ""}, {"POST", "/activate"}, {"POST", "/deactivate"},
                {"DELETE", ""}}) {
            HttpResponse<String> response = admin.call(call[0], "/api/v1/admin/keys/0123456789abcdef" + call[1],
                    null);
            assertThat(response.statusCode()).as(call[0] + call[1]).isEqualTo(404);
            assertThat(json(response).get("error").get("code").asText()).isEqualTo("API_KEY_NOT_FOUND");
        }
    }

    @Test
    void accountCreationErrorsNameTheField() {
        HttpResponse<String> response = admin.call("POST", "/api/v1/admin/accounts",
                "{\"account_id\":\"a b\",\"name\":\"x\",\"waba_id\":\"1\",\"phone_number_id\":\"2\"}");
        assertThat(json(response).get("error").get("message").asText()).startsWith("account_id may contain only");

        response = admin.call("POST", "/api/v1/admin/accounts",
                "{\"account_id\":\"ab\",\"name\":\"x\",\"waba_id\":\"1\",\"phone_number_id\":\"+2\"}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("error").get("message").asText())
                .isEqualTo("phone_number_id must be a string of digits");

        response = admin.call("POST", "/api/v1/admin/accounts",
                "{\"account_id\":\"ab\",\"name\":\"x\",\"waba_id\":\"1\",\"phone_number_id\":106540352242922}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("error").get("message").asText())
                .startsWith("phone_number_id must be a string of digits, in quotes (\"106540352242922\")");
    }
}

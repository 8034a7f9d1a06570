package io.switchboard.ingress.admin;

import static io.switchboard.ingress.admin.PhoneNumberOwnershipTest.account;
import static io.switchboard.ingress.admin.PhoneNumberOwnershipTest.newNumber;
import static io.switchboard.ingress.support.IngressApp.json;
import static io.switchboard.ingress.support.InboundMessages.customer;
import static io.switchboard.ingress.support.InboundMessages.message;
import static io.switchboard.ingress.support.InboundMessages.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.ingress.support.AdminCalls;
import io.switchboard.ingress.support.IngressApp;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Accounts are disabled, enabled and deleted through the admin API, on two instances: their keys stop at once on
 * the instance that made the change and within a second on the other, with a code that says why; a deleted account
 * releases its number (and its inbox) for another account, and its id is never reused.
 */
class AccountLifecycleTest {

    private static final String TEXT = "{\"to\":\"+919876543210\",\"message\":\"Hello\"}";

    private static IngressApp app;
    private static IngressApp other;
    private static AdminCalls admin;

    @BeforeAll
    static void start() {
        Map<String, Object> config = Map.of("switchboard.ingress.admin-token", AdminCalls.ADMIN_TOKEN,
                "switchboard.ingress.master-key", AdminCalls.newMasterKey());
        app = IngressApp.start(config);
        other = IngressApp.start(config);
        admin = new AdminCalls(app, AdminCalls.ADMIN_TOKEN);
    }

    @AfterAll
    static void stop() {
        other.close();
        app.close();
    }

    @Test
    void aDisabledAccountsKeysStopEverywhereUntilItIsEnabledAgain() {
        String accountId = admin.createAccount();
        String key = newKey(accountId);
        assertThat(app.postText(key, TEXT).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(1)).until(() -> other.postText(key, TEXT).statusCode() == 202);

        HttpResponse<String> disabled = admin.call("POST", "/api/v1/admin/accounts/" + accountId + "/disable",
                "{\"reason\":\"Invoice 2025-11 unpaid\"}");

        assertThat(disabled.statusCode()).as(disabled.body()).isEqualTo(200);
        JsonNode view = json(disabled).get("data");
        assertThat(view.get("status").asText()).isEqualTo("disabled");
        assertThat(view.get("status_reason").asText()).isEqualTo("Invoice 2025-11 unpaid");
        assertThat(view.get("status_changed_at").asText()).endsWith("Z");
        assertRefused(app.postText(key, TEXT), "ACCOUNT_DISABLED");
        assertRefused(app.get("/api/v1/external/messages?direction=inbound", key), "ACCOUNT_DISABLED");
        await().atMost(Duration.ofSeconds(1)).until(() -> other.postText(key, TEXT).statusCode() == 403);
        assertRefused(other.postText(key, TEXT), "ACCOUNT_DISABLED");
        assertThat(app.postText(key, TEXT).body()).doesNotContain("Invoice");
        JsonNode fetched = json(admin.call("GET", "/api/v1/admin/accounts/" + accountId, null)).get("data");
        assertThat(fetched.get("status").asText()).isEqualTo("disabled");
        assertThat(admin.call("POST", "/api/v1/admin/accounts/" + accountId + "/disable", null).statusCode())
                .isEqualTo(200);
        assertThat(json(admin.call("GET", "/api/v1/admin/accounts?status=disabled", null)).get("data")
                .findValuesAsText("account_id")).contains(accountId);

        HttpResponse<String> enabled = admin.call("POST", "/api/v1/admin/accounts/" + accountId + "/enable", null);

        assertThat(json(enabled).get("data").get("status").asText()).isEqualTo("active");
        assertThat(json(enabled).get("data").get("status_reason").isNull()).isTrue();
        assertThat(app.postText(key, TEXT).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(1)).until(() -> other.postText(key, TEXT).statusCode() == 202);
    }

    @Test
    void aDeletedAccountStopsForGoodAndReleasesItsNumberAndItsInbox() {
        String number = newNumber();
        String accountId = admin.createAccount(number);
        String key = newKey(accountId);
        String from = customer();
        publish(message(number, from, "wamid.del-" + UUID.randomUUID(), Instant.now(), "text")
                .setText("Where is my order?").setRawJson("{\"text\":{\"body\":\"Where is my order?\"}}").build());
        await().atMost(Duration.ofSeconds(10)).until(() -> json(app.get("/api/v1/external/messages", key))
                .get("data").size() == 1);

        HttpResponse<String> deleted = admin.call("DELETE", "/api/v1/admin/accounts/" + accountId,
                "{\"reason\":\"Customer left\"}");

        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
        assertThat(json(deleted).get("data").get("status").asText()).isEqualTo("deleted");
        assertThat(json(deleted).get("data").get("phone_numbers")).isEmpty();
        assertRefused(app.postText(key, TEXT), "ACCOUNT_DELETED");
        await().atMost(Duration.ofSeconds(1)).until(() -> other.postText(key, TEXT).statusCode() == 403);
        assertRefused(other.postText(key, TEXT), "ACCOUNT_DELETED");
        assertThat(admin.call("GET", "/api/v1/admin/phone-numbers/" + number, null).statusCode()).isEqualTo(404);
        assertThat(admin.call("DELETE", "/api/v1/admin/accounts/" + accountId, null).statusCode()).isEqualTo(200);
        for (String[] call : new String[][] {{"POST", "/api/v1/admin/accounts/" + accountId + "/enable"},
                {"POST", "/api/v1/admin/accounts/" + accountId + "/disable"}}) {
            HttpResponse<String> refused = admin.call(call[0], call[1], null);
            assertThat(refused.statusCode()).isEqualTo(409);
            assertThat(json(refused).get("error").get("code").asText()).isEqualTo("ACCOUNT_IS_DELETED");
        }
        HttpResponse<String> recreated = admin.call("POST", "/api/v1/admin/accounts", account(accountId, number));
        assertThat(recreated.statusCode()).isEqualTo(409);
        assertThat(json(recreated).get("error").get("message").asText()).contains("is not reused");
        HttpResponse<String> keyForDeleted = admin.call("POST", "/api/v1/admin/keys", """
                {"name":"late","account_id":"%s","permissions":["send_text"]}""".formatted(accountId));
        assertThat(json(keyForDeleted).get("error").get("code").asText()).isEqualTo("ACCOUNT_IS_DELETED");
        assertThat(json(admin.call("GET", "/api/v1/admin/accounts/" + accountId, null)).get("data")
                .get("status_reason").asText()).isEqualTo("Customer left");

        // The number is free again, and its next owner does not see what was sent to the deleted account.
        String successor = admin.createAccount(number);
        String successorKey = newKey(successor);
        JsonNode inbox = json(app.get("/api/v1/external/messages?from=" + from.replace("+", "%2B"), successorKey));
        assertThat(inbox.get("data")).isEmpty();
    }

    @Test
    void changingAnAccountsNumberReleasesTheFormerOne() {
        String former = newNumber();
        String accountId = admin.createAccount(former);

        HttpResponse<String> moved = admin.call("POST", "/api/v1/admin/accounts", account(accountId, newNumber()));

        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        assertThat(admin.call("GET", "/api/v1/admin/phone-numbers/" + former, null).statusCode()).isEqualTo(404);
        assertThat(admin.createAccount(former)).isNotBlank();
    }

    @Test
    void lifecycleRefusalsNameTheirReason() {
        assertThat(json(admin.call("DELETE", "/api/v1/admin/accounts/no-such-account", null)).get("error")
                .get("code").asText()).isEqualTo("ACCOUNT_NOT_FOUND");
        assertThat(admin.call("POST", "/api/v1/admin/accounts/no-such-account/disable", null).statusCode())
                .isEqualTo(404);
        String accountId = admin.createAccount();
        HttpResponse<String> tooLong = admin.call("POST", "/api/v1/admin/accounts/" + accountId + "/disable",
                "{\"reason\":\"" + "x".repeat(501) + "\"}");
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(json(tooLong).get("error").get("message").asText())
                .isEqualTo("reason must be at most 500 characters");
        assertThat(json(admin.call("GET", "/api/v1/admin/accounts?status=sleeping", null)).get("error")
                .get("message").asText()).isEqualTo("status must be one of active, disabled, deleted");
    }

    private static String newKey(String accountId) {
        return admin.createKey("""
                {"name":"k","account_id":"%s","permissions":["send_text","view_messages"]}""".formatted(accountId))
                .get("api_key").asText();
    }

    private static void assertRefused(HttpResponse<String> response, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(json(response).get("error").get("code").asText()).isEqualTo(code);
    }
}

package io.switchboard.ingress.templates;

import static io.switchboard.ingress.support.IngressApp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.ingress.support.AdminCalls;
import io.switchboard.ingress.support.CloudApiPeer;
import io.switchboard.ingress.support.IngressApp;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Accounts whose template sync finds nothing or fails say so: on the admin API (every account, one account, a sync
 * on demand) and in {@code /health} (a detail naming the account, the ingress itself staying UP).
 */
class TemplateSyncStatusTest {

    private static final String EMPTY_WABA = "200000000000002";
    private static final String FAILING_WABA = "300000000000003";
    private static CloudApiPeer peer;
    private static IngressApp app;
    private static AdminCalls admin;
    private static String emptyAccount;
    private static String failingAccount;

    @BeforeAll
    static void start() {
        peer = new CloudApiPeer();
        peer.serveTemplatesFor(EMPTY_WABA, List.of());
        peer.failTemplatesFor(FAILING_WABA, 400);
        Map<String, Object> config = new HashMap<>(peer.config());
        config.put("switchboard.ingress.admin-token", AdminCalls.ADMIN_TOKEN);
        config.put("switchboard.ingress.master-key", AdminCalls.newMasterKey());
        // Only the start-up read and the check for new accounts: nothing periodic gets in the way.
        config.put("switchboard.ingress.templates.sync-interval", "1h");
        app = IngressApp.start(config);
        admin = new AdminCalls(app, AdminCalls.ADMIN_TOKEN);
        emptyAccount = createAccount(EMPTY_WABA);
        failingAccount = createAccount(FAILING_WABA);
        // The broker is shared with other test classes: their accounts are listed too.
        await("the three accounts read").atMost(Duration.ofSeconds(30)).until(() -> {
            Map<String, String> states = states();
            return List.of(app.accountId(), emptyAccount, failingAccount).stream()
                    .allMatch(id -> states.containsKey(id) && !"pending".equals(states.get(id)));
        });
    }

    @AfterAll
    static void stop() {
        app.close();
        peer.close();
    }

    private static String createAccount(String waba) {
        String id = "acct-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> response = admin.call("POST", "/api/v1/admin/accounts", """
                {"account_id":"%s","name":"Second shop","waba_id":"%s","phone_number_id":"%d"}"""
                .formatted(id, waba, 100_000_000_000_000L + Math.abs(id.hashCode())));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return id;
    }

    private static Map<String, String> states() {
        Map<String, String> states = new HashMap<>();
        json(admin.call("GET", "/api/v1/admin/template-sync", null)).get("data")
                .forEach(s -> states.put(s.get("account_id").asText(), s.get("state").asText()));
        return states;
    }

    @Test
    void everyAccountShowsItsState() {
        assertThat(states()).containsEntry(app.accountId(), "ok").containsEntry(emptyAccount, "empty")
                .containsEntry(failingAccount, "failed");
        JsonNode ok = json(admin.call("GET", "/api/v1/admin/accounts/" + app.accountId() + "/templates/sync", null))
                .get("data");
        assertThat(ok.get("listed").asInt()).isEqualTo(8);
        assertThat(ok.get("templates").asInt()).isEqualTo(8);
        assertThat(ok.get("approved").asInt()).isEqualTo(6);
        assertThat(ok.get("last_success_at").asText()).isNotBlank();
        assertThat(ok.get("last_error").isNull()).isTrue();
    }

    @Test
    void anAccountWhoseWabaListsNothingSaysSo() {
        HttpResponse<String> response = admin.call("GET", "/api/v1/admin/accounts/" + emptyAccount
                + "/templates/sync", null);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode data = json(response).get("data");
        assertThat(data.get("state").asText()).isEqualTo("empty");
        assertThat(data.get("waba_id").asText()).isEqualTo(EMPTY_WABA);
        assertThat(data.get("listed").asInt()).isZero();
        assertThat(data.get("message").asText()).startsWith("WABA " + EMPTY_WABA + " lists no templates");
    }

    @Test
    void theAccountViewShowsHowItsTemplatesWereLastRead() {
        JsonNode failing = json(admin.call("GET", "/api/v1/admin/accounts/" + failingAccount, null)).get("data");
        JsonNode empty = json(admin.call("GET", "/api/v1/admin/accounts/" + emptyAccount, null)).get("data");

        assertThat(failing.get("template_sync").get("state").asText()).isEqualTo("failed");
        assertThat(failing.get("template_sync").get("last_error").asText()).contains("does not exist");
        assertThat(empty.get("template_sync").get("state").asText()).isEqualTo("empty");
    }

    @Test
    void anAccountWhoseSyncFailsSaysWhy() {
        JsonNode data = json(admin.call("GET", "/api/v1/admin/accounts/" + failingAccount + "/templates/sync", null))
                .get("data");

        assertThat(data.get("state").asText()).isEqualTo("failed");
        assertThat(data.get("consecutive_failures").asInt()).isPositive();
        assertThat(data.get("last_error").asText()).isEqualTo("the template list answered HTTP 400: (#100) "
                + "Unsupported get request. Object with ID '" + FAILING_WABA + "' does not exist");
        assertThat(data.get("last_success_at").isNull()).isTrue();
    }

    @Test
    void healthNamesTheAccountsButStaysUp() {
        HttpResponse<String> health = app.send("GET", "/health", null);

        assertThat(health.statusCode()).isEqualTo(200);
        JsonNode body = json(health);
        assertThat(body.get("status").asText()).isEqualTo("UP");
        JsonNode templates = body.get("details").get("templates");
        assertThat(templates.get("status").asText()).isEqualTo("UP");
        assertThat(templates.get("details").get("degraded").asBoolean()).isTrue();
        JsonNode problems = templates.get("details").get("problems");
        assertThat(problems.get(emptyAccount).asText()).startsWith("empty: WABA " + EMPTY_WABA);
        assertThat(problems.get(failingAccount).asText()).startsWith("failed: the template list answered HTTP 400");
        assertThat(problems.has(app.accountId())).isFalse();
    }

    @Test
    void aSyncOnDemandReadsTheAccountAtOnce() {
        String waba = "400000000000004";
        peer.serveTemplatesFor(waba, List.of());
        String account = createAccount(waba);
        await().atMost(Duration.ofSeconds(20)).until(() -> "empty".equals(states().get(account)));
        peer.serveTemplatesFor(waba, List.of(CloudApiPeer.template("reorder", "de", "APPROVED", "MARKETING",
                "POSITIONAL", "[{\"type\":\"BODY\",\"text\":\"Hallo {{1}}\"}]")));

        HttpResponse<String> synced = admin.call("POST", "/api/v1/admin/accounts/" + account + "/templates/sync",
                null);

        assertThat(synced.statusCode()).as(synced.body()).isEqualTo(200);
        assertThat(json(synced).get("data").get("state").asText()).isEqualTo("ok");
        assertThat(json(synced).get("data").get("listed").asInt()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> app.context().getBean(TemplateStore.class)
                .find(account, "reorder", "de") != null);
    }

    @Test
    void unknownAccountsAndMissingTokensAreRefused() {
        HttpResponse<String> unknown = admin.call("GET", "/api/v1/admin/accounts/nobody/templates/sync", null);
        HttpResponse<String> syncUnknown = admin.call("POST", "/api/v1/admin/accounts/nobody/templates/sync", null);

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).get("error").get("code").asText()).isEqualTo("ACCOUNT_NOT_FOUND");
        assertThat(syncUnknown.statusCode()).isEqualTo(404);
        assertThat(app.send("GET", "/api/v1/admin/template-sync", null).statusCode()).isEqualTo(401);
        assertThat(app.send("POST", "/api/v1/admin/accounts/" + emptyAccount + "/templates/sync", null)
                .statusCode()).isEqualTo(401);
    }
}

package io.switchboard.e2e.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.e2e.PlatformAccess;
import io.switchboard.local.Platform;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A second account with a WhatsApp Business account of its own: the simulator serves its own template catalogue
 * (added at run time through {@code /_sim/wabas}), its templates are synchronised and delivered from its number, it
 * cannot send the first account's templates, and an account whose WABA lists nothing says so on the admin API and
 * in {@code /health} while the ingress stays UP.
 */
class SecondAccountTemplatesEndToEndTest {

    private static final String REORDER = """
            {"name":"reorder_reminder","language":"de","status":"APPROVED","category":"MARKETING",
             "components":[{"type":"BODY","text":"Hallo {{1}}, Zeit für Nachschub?"},
               {"type":"BUTTONS","buttons":[{"type":"URL","text":"Bestellen",
                 "url":"https://shop.example.de/reorder/{{1}}"}]}]}""";

    private final Platform platform = PlatformAccess.platform();
    private final String admin = "Bearer " + PlatformAccess.adminToken();

    @Test
    void aSecondAccountSendsTheTemplatesOfItsOwnWabaOnly() {
        String waba = "700000000000007";
        String number = "800000000000008";
        sim("PUT", "/_sim/wabas/" + waba + "/phone-numbers/" + number, "");
        assertThat(sim("POST", "/_sim/wabas/" + waba + "/templates", REORDER).status()).isEqualTo(201);
        String account = createAccount(waba, number);
        String key = createKey(account);
        TemplateSends sends = new TemplateSends(platform, key);
        await().atMost(Duration.ofSeconds(30)).until(() -> "ok".equals(syncState(sends, account)));

        String id = TemplateSends.accepted(sends.sendByName("""
                {"to":"+491701234567","template_name":"reorder_reminder","language":"de",
                 "variables":{"1":"Jo","button_url":"A-17"}}"""));
        JsonNode status = sends.awaitSent(id);
        JsonHttp.Answer foreign = sends.sendByName("""
                {"to":"+491701234567","template_name":"otp_code","language":"en","variables":{"code":"123456"}}""");
        JsonHttp.Answer demoSeesNothing = JsonHttp.call("GET", platform.apiUrl() + "/templates/reorder_reminder",
                null, "X-API-Key", PlatformAccess.apiKey());

        assertThat(status.path("type").asText()).isEqualTo("template");
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.body().path("error").path("code").asText()).isEqualTo("TEMPLATE_NOT_FOUND");
        assertThat(demoSeesNothing.status()).isEqualTo(404);
    }

    @Test
    void anAccountWhoseWabaListsNothingSaysSoOnTheAdminApiAndInHealth() {
        String waba = "700000000000009";
        sim("PUT", "/_sim/wabas/" + waba, "");
        String account = createAccount(waba, "800000000000010");
        TemplateSends sends = new TemplateSends(platform, PlatformAccess.apiKey());
        await().atMost(Duration.ofSeconds(30)).until(() -> "empty".equals(syncState(sends, account)));

        JsonHttp.Answer health = JsonHttp.call("GET", sends.ingressUrl() + "/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().path("status").asText()).isEqualTo("UP");
        JsonNode templates = health.body().path("details").path("templates").path("details");
        assertThat(templates.path("degraded").asBoolean()).isTrue();
        assertThat(templates.path("problems").path(account).asText()).startsWith("empty: WABA " + waba);

        // Templates added at WhatsApp are read on demand, without waiting for the next periodic sync.
        sim("POST", "/_sim/wabas/" + waba + "/templates", REORDER);
        JsonHttp.Answer synced = JsonHttp.call("POST", sends.ingressUrl() + "/api/v1/admin/accounts/" + account
                + "/templates/sync", null, "Authorization", admin);
        assertThat(synced.status()).as(synced.body().toString()).isEqualTo(200);
        assertThat(synced.body().path("data").path("state").asText()).isEqualTo("ok");
    }

    private String syncState(TemplateSends sends, String account) {
        return JsonHttp.call("GET", sends.ingressUrl() + "/api/v1/admin/accounts/" + account + "/templates/sync", null,
                "Authorization", admin).body().path("data").path("state").asText();
    }

    private String createAccount(String waba, String number) {
        String id = "acct-" + UUID.randomUUID().toString().substring(0, 8);
        JsonHttp.Answer created = JsonHttp.call("POST", adminUrl() + "/accounts", """
                {"account_id":"%s","name":"Zweiter Laden","waba_id":"%s","phone_number_id":"%s"}"""
                .formatted(id, waba, number), "Authorization", admin);
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return id;
    }

    private String createKey(String account) {
        JsonHttp.Answer created = JsonHttp.call("POST", adminUrl() + "/keys", """
                {"name":"second shop","account_id":"%s","permissions":["send_template","view_templates",
                 "view_messages"],"rate_limit":1000}""".formatted(account), "Authorization", admin);
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        String key = created.body().path("data").path("api_key").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> JsonHttp.call("GET", platform.apiUrl() + "/templates",
                null, "X-API-Key", key).status() == 200);
        return key;
    }

    private String adminUrl() {
        return platform.apiUrl().replace("/api/v1/external", "/api/v1/admin");
    }

    private JsonHttp.Answer sim(String method, String path, String body) {
        return JsonHttp.call(method, platform.simulatorUrl() + path, body);
    }
}

package io.switchboard.ingress.admin;

import static io.switchboard.ingress.support.IngressApp.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.ingress.support.AdminCalls;
import io.switchboard.ingress.support.IngressApp;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Without an admin token the admin API is off; without a master key keys cannot be created. */
class AdminApiDisabledTest {

    @Test
    void withoutAnAdminTokenTheAdminApiAnswers503() {
        try (IngressApp app = IngressApp.start(Map.of())) {
            for (String[] call : new String[][] {{"GET", "/api/v1/admin/keys"}, {"POST", "/api/v1/admin/keys"},
                    {"GET", "/api/v1/admin/accounts"}, {"DELETE", "/api/v1/admin/keys/0123456789abcdef"}}) {
                HttpResponse<String> response = app.send(call[0], call[1], null, "Authorization", "Bearer anything");
                assertThat(response.statusCode()).as(call[1]).isEqualTo(503);
                assertThat(json(response).get("error").get("code").asText()).isEqualTo("ADMIN_API_DISABLED");
            }
        }
    }

    @Test
    void withoutAMasterKeyKeyCreationAnswers503ButAccountsCanBeManaged() {
        try (IngressApp app = IngressApp.start(Map.of("switchboard.ingress.admin-token", AdminCalls.ADMIN_TOKEN))) {
            AdminCalls admin = new AdminCalls(app, AdminCalls.ADMIN_TOKEN);
            String accountId = admin.createAccount();

            HttpResponse<String> response = admin.call("POST", "/api/v1/admin/keys",
                    "{\"name\":\"n\",\"account_id\":\"" + accountId + "\",\"permissions\":[\"send_text\"]}");

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(json(response).get("error").get("code").asText()).isEqualTo("MASTER_KEY_NOT_CONFIGURED");
            assertThat(admin.call("GET", "/api/v1/admin/keys", null).statusCode()).isEqualTo(200);
        }
    }
}

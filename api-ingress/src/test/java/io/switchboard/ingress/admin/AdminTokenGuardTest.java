package io.switchboard.ingress.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.ingress.http.ErrorCode;
import org.junit.jupiter.api.Test;

class AdminTokenGuardTest {

    private static AdminTokenGuard guard(String token) {
        AdminConfiguration config = new AdminConfiguration();
        config.setAdminToken(token);
        return new AdminTokenGuard(config);
    }

    @Test
    void onlyTheConfiguredBearerTokenIsAdmitted() {
        AdminTokenGuard guard = guard("s3cret-admin-token");

        assertThat(guard.refusal("Bearer s3cret-admin-token")).isNull();
        assertThat(guard.refusal("bearer s3cret-admin-token ")).isNull();
        for (String header : new String[] {null, "", "Bearer", "Bearer ", "Bearer s3cret-admin-tokeN",
                "Bearer s3cret-admin-token2", "Basic s3cret-admin-token", "s3cret-admin-token",
                "Bearer " + "x".repeat(5000)}) {
            assertThat(guard.refusal(header).code()).as(String.valueOf(header))
                    .isEqualTo(ErrorCode.INVALID_ADMIN_TOKEN);
        }
    }

    @Test
    void withoutATokenTheAdminApiIsDisabled() {
        for (String token : new String[] {null, "", "   "}) {
            assertThat(guard(token).refusal("Bearer anything").code()).isEqualTo(ErrorCode.ADMIN_API_DISABLED);
        }
        assertThat(new AdminConfiguration().toString()).contains("<none>");
        AdminConfiguration config = new AdminConfiguration();
        config.setAdminToken("s3cret-admin-token");
        assertThat(config.toString()).doesNotContain("s3cret");
    }
}

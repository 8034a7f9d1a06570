package io.switchboard.ingress.admin;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.switchboard.ingress.IngressConfiguration;

/**
 * {@code switchboard.ingress.admin-token}: the bearer token of the admin API. Unset by default, which disables the
 * admin API (503 ADMIN_API_DISABLED). The token never reaches a log line, not even through {@link #toString()}.
 */
@ConfigurationProperties(IngressConfiguration.PREFIX)
public class AdminConfiguration {

    private String adminToken;

    @Nullable
    public String getAdminToken() {
        return adminToken;
    }

    public void setAdminToken(@Nullable String adminToken) {
        this.adminToken = adminToken;
    }

    public boolean isEnabled() {
        return adminToken != null && !adminToken.isBlank();
    }

    @Override
    public String toString() {
        return "AdminConfiguration{adminToken=" + (isEnabled() ? "<redacted>" : "<none>") + "}";
    }
}

package io.switchboard.ingress.signing;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.switchboard.ingress.IngressConfiguration;

/**
 * {@code switchboard.ingress.master-key}: the base64 of 32 random bytes ({@code openssl rand -base64 32}) under
 * which API secrets are encrypted (AES-256-GCM). Unset by default: keys cannot then be created through the admin API
 * and signed requests cannot be verified. The value never reaches a log line, not even through {@link #toString()}.
 */
@ConfigurationProperties(IngressConfiguration.PREFIX)
public class MasterKeyConfiguration {

    private String masterKey;

    @Nullable
    public String getMasterKey() {
        return masterKey;
    }

    public void setMasterKey(@Nullable String masterKey) {
        this.masterKey = masterKey;
    }

    public boolean isConfigured() {
        return masterKey != null && !masterKey.isBlank();
    }

    @Override
    public String toString() {
        return "MasterKeyConfiguration{masterKey=" + (isConfigured() ? "<redacted>" : "<none>") + "}";
    }
}

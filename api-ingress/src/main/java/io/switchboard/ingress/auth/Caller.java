package io.switchboard.ingress.auth;

import io.switchboard.schemas.avro.ApiKey;
import io.switchboard.schemas.avro.Permission;

/**
 * An authenticated API key making a request. Only the key's configuration is kept, never the presented secret.
 *
 * @param apiKey the key's record
 */
public record Caller(ApiKey apiKey) {

    public boolean may(Permission permission) {
        return apiKey.getPermissions().contains(permission);
    }

    public String keyId() {
        return apiKey.getKeyId();
    }

    public String accountId() {
        return apiKey.getAccountId();
    }
}

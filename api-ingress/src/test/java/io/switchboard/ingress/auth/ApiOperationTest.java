package io.switchboard.ingress.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.ingress.http.ErrorCode;
import io.switchboard.schemas.avro.ApiKey;
import io.switchboard.schemas.avro.Permission;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiOperationTest {

    private static final Instant NOW = Instant.parse("2025-12-19T10:00:00Z");
    private static final String KEY = "pk_live_a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6";

    private final ApiKeyIndex index = new ApiKeyIndex();
    private final ApiKeyAuthenticator authenticator =
            new ApiKeyAuthenticator(index::byHash, id -> null, () -> true, Clock.fixed(NOW, ZoneOffset.UTC));

    private void store(boolean active, Instant expiresAt, Permission... permissions) {
        String hash = ApiKeyHashes.sha256Hex(KEY);
        index.apply(hash.substring(0, 16), ApiKey.newBuilder().setKeyId(hash.substring(0, 16)).setKeyHash(hash)
                .setKeyPrefix("pk_live_a1b2").setName("k").setAccountId("a").setPermissions(List.of(permissions))
                .setActive(active).setExpiresAt(expiresAt).setCreatedAt(NOW).build());
    }

    @Test
    void everyOperationNeedsThePermissionOfTheSeedsTable() {
        Map<ApiOperation, String> seeds = Map.ofEntries(
                Map.entry(ApiOperation.SEND_TEXT, "send_text"), Map.entry(ApiOperation.SEND_INTERACTIVE, "send_text"),
                Map.entry(ApiOperation.SEND_TEMPLATE, "send_template"),
                Map.entry(ApiOperation.SEND_MEDIA, "send_media"),
                Map.entry(ApiOperation.LIST_TEMPLATES, "view_templates"),
                Map.entry(ApiOperation.GET_TEMPLATE, "view_templates"),
                Map.entry(ApiOperation.GET_MESSAGE, "view_messages"),
                Map.entry(ApiOperation.GET_MESSAGES, "view_messages"),
                Map.entry(ApiOperation.LIST_OUTBOUND_MESSAGES, "view_messages"),
                Map.entry(ApiOperation.LIST_INBOUND_MESSAGES, "view_messages"),
                Map.entry(ApiOperation.DOWNLOAD_MEDIA, "view_messages"));

        assertThat(seeds).hasSize(ApiOperation.values().length);
        seeds.forEach((operation, name) -> assertThat(PermissionNames.of(operation.permission())).isEqualTo(name));
        for (Permission permission : Permission.values()) {
            assertThat(PermissionNames.parse(PermissionNames.of(permission))).isEqualTo(permission);
        }
        assertThat(PermissionNames.parse("SEND_TEXT")).isNull();
    }

    @Test
    void aKeyMayDoOnlyTheOperationsOfItsPermissions() {
        store(true, null, Permission.SEND_TEXT);

        assertThat(authenticator.authenticate(KEY, ApiOperation.SEND_INTERACTIVE).isRefused()).isFalse();
        ApiKeyAuthenticator.Result media = authenticator.authenticate(KEY, ApiOperation.SEND_MEDIA);
        assertThat(media.error().code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
        assertThat(media.error().message()).contains("send_media");
    }

    @Test
    void onlyKnownActiveUnexpiredKeysAreUsableForSignatureChecks() {
        store(true, NOW.plusSeconds(1), Permission.SEND_TEXT);
        assertThat(authenticator.usableKey(KEY)).isNotNull();
        assertThat(authenticator.usableKey(KEY + "x")).isNull();
        assertThat(authenticator.usableKey(null)).isNull();
        store(true, NOW, Permission.SEND_TEXT);
        assertThat(authenticator.usableKey(KEY)).isNull();
        store(false, null, Permission.SEND_TEXT);
        assertThat(authenticator.usableKey(KEY)).isNull();
    }
}

package io.switchboard.ingress.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.ingress.http.ApiError;
import io.switchboard.ingress.http.ErrorCode;
import io.switchboard.schemas.avro.Account;
import io.switchboard.schemas.avro.AccountStatus;
import io.switchboard.schemas.avro.ApiKey;
import io.switchboard.schemas.avro.Permission;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApiKeyAuthenticatorTest {

    private static final String KEY = "pk_live_a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6";
    private static final Instant NOW = Instant.parse("2025-12-19T10:00:30Z");

    private final ApiKeyIndex index = new ApiKeyIndex();
    private final Map<String, Account> accounts = new HashMap<>();
    private final AtomicBoolean ready = new AtomicBoolean(true);
    private ApiKeyAuthenticator authenticator;

    @BeforeEach
    void setUp() {
        authenticator = new ApiKeyAuthenticator(index::byHash, accounts::get, ready::get,
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static ApiKey.Builder key(String secret) {
        String hash = ApiKeyHashes.sha256Hex(secret);
        return ApiKey.newBuilder().setKeyId(hash.substring(0, 16)).setKeyHash(hash).setKeyPrefix("pk_live_a1b2")
                .setName("orders").setAccountId("acct-1").setPermissions(List.of(Permission.SEND_TEXT))
                .setCreatedAt(NOW.minusSeconds(3600));
    }

    private void store(ApiKey key) {
        index.apply(key.getKeyId(), key);
    }

    private void account(AccountStatus status) {
        accounts.put("acct-1", Account.newBuilder().setAccountId("acct-1").setName("Acme").setWabaId("1")
                .setPhoneNumberId("2").setCreatedAt(NOW.minusSeconds(7200)).setStatus(status)
                .setStatusReason("unpaid invoice").build());
    }

    @Test
    void acceptsAnActiveKeyWithThePermission() {
        store(key(KEY).build());
        account(AccountStatus.ACTIVE);

        ApiKeyAuthenticator.Result result = authenticator.authenticate(KEY, Permission.SEND_TEXT);

        assertThat(result.isRefused()).isFalse();
        assertThat(result.caller().accountId()).isEqualTo("acct-1");
    }

    @Test
    void refusesMissingAndUnknownKeysAlike() {
        for (String presented : new String[] {null, "", "  ", "pk_unknown", "x".repeat(10_000)}) {
            ApiError error = authenticator.authenticate(presented, Permission.SEND_TEXT).error();
            assertThat(error).as(String.valueOf(presented)).isEqualTo(ApiError.invalidApiKey());
        }
        assertThat(ApiError.invalidApiKey().message())
                .isEqualTo("Missing or invalid API key. Send it in the X-API-Key header.");
    }

    @Test
    void tellsTheHolderOfADeactivatedExpiredOrDeletedKeyWhichItIs() {
        store(key("pk_inactive").setActive(false).build());
        store(key("pk_expired").setExpiresAt(NOW).build());
        store(key("pk_deleted").setActive(false).setDeletedAt(NOW.minusSeconds(60)).build());

        ApiError inactive = authenticator.authenticate("pk_inactive", Permission.SEND_TEXT).error();
        ApiError expired = authenticator.authenticate("pk_expired", Permission.SEND_TEXT).error();
        ApiError deleted = authenticator.authenticate("pk_deleted", Permission.SEND_TEXT).error();

        assertThat(inactive.code()).isEqualTo(ErrorCode.API_KEY_DEACTIVATED);
        assertThat(inactive.message()).contains("deactivated");
        assertThat(expired.code()).isEqualTo(ErrorCode.API_KEY_EXPIRED);
        assertThat(expired.message()).contains("expired at 2025-12-19T10:00:30.000Z");
        assertThat(deleted.code()).isEqualTo(ErrorCode.API_KEY_DELETED);
        assertThat(deleted.message()).contains("deleted at 2025-12-19T09:59:30.000Z");
        for (ApiError error : List.of(inactive, expired, deleted)) {
            assertThat(error.code().status().getCode()).isEqualTo(401);
        }
    }

    @Test
    void refusesKeysOfDisabledAndDeletedAccountsWith403BeforeThePermission() {
        store(key(KEY).build());

        account(AccountStatus.DISABLED);
        ApiError disabled = authenticator.authenticate(KEY, Permission.VIEW_MESSAGES).error();
        account(AccountStatus.DELETED);
        ApiError deleted = authenticator.authenticate(KEY, Permission.VIEW_MESSAGES).error();

        assertThat(disabled.code()).isEqualTo(ErrorCode.ACCOUNT_DISABLED);
        assertThat(disabled.message()).contains("disabled").doesNotContain("unpaid invoice");
        assertThat(deleted.code()).isEqualTo(ErrorCode.ACCOUNT_DELETED);
        assertThat(disabled.code().status().getCode()).isEqualTo(403);
        assertThat(deleted.code().status().getCode()).isEqualTo(403);
        account(AccountStatus.ACTIVE);
        assertThat(authenticator.authenticate(KEY, Permission.SEND_TEXT).isRefused()).isFalse();
    }

    @Test
    void acceptsAKeyThatExpiresLater() {
        store(key(KEY).setExpiresAt(NOW.plusSeconds(1)).build());

        assertThat(authenticator.authenticate(KEY, Permission.SEND_TEXT).isRefused()).isFalse();
    }

    @Test
    void refusesAKeyWithoutThePermissionWith403() {
        store(key(KEY).build());

        ApiError error = authenticator.authenticate(KEY, Permission.VIEW_MESSAGES).error();

        assertThat(error.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
        assertThat(error.message()).contains("view_messages");
    }

    @Test
    void answersUnavailableRatherThanInvalidWhileKeysAreLoading() {
        ready.set(false);

        assertThat(authenticator.authenticate(KEY, Permission.SEND_TEXT).error().code())
                .isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
    }

    @Test
    void seesATombstonedKeyAsUnknown() {
        ApiKey stored = key(KEY).build();
        store(stored);
        index.apply(stored.getKeyId(), null);

        assertThat(authenticator.authenticate(KEY, Permission.SEND_TEXT).error().code())
                .isEqualTo(ErrorCode.INVALID_API_KEY);
    }
}

package io.switchboard.ingress.auth;

import io.micronaut.core.annotation.Nullable;
import io.switchboard.ingress.http.ApiError;
import io.switchboard.ingress.http.ErrorCode;
import io.switchboard.ingress.support.Timestamps;
import io.switchboard.schemas.avro.Account;
import io.switchboard.schemas.avro.AccountStatus;
import io.switchboard.schemas.avro.ApiKey;
import io.switchboard.schemas.avro.Permission;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Decides who is calling from the {@code X-API-Key} header. A missing or unknown key is 401 INVALID_API_KEY, the same
 * answer for every guess, so nobody learns which keys exist. A key that exists but no longer works says why (401
 * API_KEY_DEACTIVATED, API_KEY_EXPIRED, API_KEY_DELETED): only its holder can present its exact value, so this tells
 * a guesser nothing. Then the key's account: disabled or deleted accounts are refused (403 ACCOUNT_DISABLED,
 * ACCOUNT_DELETED) before any permission, so their keys stop at once. While the tables are still loading nobody is
 * refused as "invalid": the answer is 503, because an unread key is not an unknown key. Last the permission (403).
 */
@Singleton
public class ApiKeyAuthenticator {

    /** Keys longer than this are refused without hashing: no real key is that long. */
    static final int MAX_KEY_LENGTH = 256;

    private final Function<String, ApiKey> keysByHash;
    private final Function<String, Account> accountsById;
    private final Supplier<Boolean> ready;
    private final Clock clock;

    @Inject
    public ApiKeyAuthenticator(ApiKeyStore store, AccountStore accounts, Clock clock) {
        this(store::byHash, accounts::byId, () -> store.isReady() && accounts.isReady(), clock);
    }

    ApiKeyAuthenticator(Function<String, ApiKey> keysByHash, Function<String, Account> accountsById,
                        Supplier<Boolean> ready, Clock clock) {
        this.keysByHash = keysByHash;
        this.accountsById = accountsById;
        this.ready = ready;
        this.clock = clock;
    }

    /** The caller, or the refusal: 401 for the key, 403 for its account or permission, 503 while loading. */
    public Result authenticate(@Nullable String presentedKey, Permission required) {
        if (!ready.get()) {
            return Result.refused(ApiError.of(ErrorCode.SERVICE_UNAVAILABLE,
                    "The service is starting and cannot check API keys yet; retry shortly"));
        }
        if (presentedKey == null || presentedKey.isBlank() || presentedKey.length() > MAX_KEY_LENGTH) {
            return Result.refused(ApiError.invalidApiKey());
        }
        ApiKey key = keysByHash.apply(ApiKeyHashes.sha256Hex(presentedKey.strip()));
        if (key == null) {
            return Result.refused(ApiError.invalidApiKey());
        }
        ApiError unusable = unusable(key, clock.instant());
        if (unusable == null) {
            unusable = accountRefusal(accountsById.apply(key.getAccountId()));
        }
        if (unusable != null) {
            return Result.refused(unusable);
        }
        Caller caller = new Caller(key);
        if (!caller.may(required)) {
            return Result.refused(ApiError.of(ErrorCode.PERMISSION_DENIED,
                    "This API key does not have the " + required.name().toLowerCase() + " permission"));
        }
        return new Result(caller, null);
    }

    /** The presented key's record when it is known, active and not expired; null otherwise and while loading. */
    @Nullable
    public ApiKey usableKey(@Nullable String presentedKey) {
        if (!ready.get() || presentedKey == null || presentedKey.isBlank() || presentedKey.length() > MAX_KEY_LENGTH) {
            return null;
        }
        ApiKey key = keysByHash.apply(ApiKeyHashes.sha256Hex(presentedKey.strip()));
        return key == null || unusable(key, clock.instant()) != null ? null : key;
    }

    /** As {@link #authenticate(String, Permission)}, with the permission taken from the one operation table. */
    public Result authenticate(@Nullable String presentedKey, ApiOperation operation) {
        return authenticate(presentedKey, operation.permission());
    }

    /** Why a known key does not work, or null when it does. */
    @Nullable
    private static ApiError unusable(ApiKey key, Instant now) {
        if (key.getDeletedAt() != null) {
            return ApiError.of(ErrorCode.API_KEY_DELETED, "This API key was deleted at "
                    + Timestamps.iso(key.getDeletedAt()) + " and no longer works; ask your administrator for a new key.");
        }
        if (!key.getActive()) {
            return ApiError.of(ErrorCode.API_KEY_DEACTIVATED, "This API key is deactivated; ask your administrator "
                    + "to activate it again or for a new key.");
        }
        if (key.getExpiresAt() != null && !key.getExpiresAt().isAfter(now)) {
            return ApiError.of(ErrorCode.API_KEY_EXPIRED, "This API key expired at "
                    + Timestamps.iso(key.getExpiresAt()) + "; ask your administrator for a new key.");
        }
        return null;
    }

    /**
     * Why the key's account may not act, or null. An account that is not configured is left to the endpoints
     * (403 ACCOUNT_NOT_CONFIGURED where they need it). The operator's reason is not shown: it is for operators.
     */
    @Nullable
    private static ApiError accountRefusal(@Nullable Account account) {
        if (account == null || account.getStatus() == AccountStatus.ACTIVE) {
            return null;
        }
        if (account.getStatus() == AccountStatus.DELETED) {
            return ApiError.of(ErrorCode.ACCOUNT_DELETED, "The WhatsApp account of this API key was deleted; "
                    + "its keys no longer work.");
        }
        return ApiError.of(ErrorCode.ACCOUNT_DISABLED, "The WhatsApp account of this API key is disabled: nothing "
                + "can be sent or read with its keys until an administrator enables it again.");
    }

    /**
     * Either a caller or an error.
     *
     * @param caller the authenticated, authorised caller; null when refused
     * @param error why the request was refused; null when authenticated
     */
    public record Result(@Nullable Caller caller, @Nullable ApiError error) {

        static Result refused(ApiError error) {
            return new Result(null, error);
        }

        public boolean isRefused() {
            return error != null;
        }
    }
}

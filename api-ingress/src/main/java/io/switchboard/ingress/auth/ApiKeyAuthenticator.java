package io.switchboard.ingress.auth;

import io.micronaut.core.annotation.Nullable;
import io.switchboard.ingress.http.ApiError;
import io.switchboard.ingress.http.ErrorCode;
import io.switchboard.schemas.avro.ApiKey;
import io.switchboard.schemas.avro.Permission;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Decides who is calling from the {@code X-API-Key} header: a key is valid when its hash is in the api-keys table,
 * it is active and not expired. Missing, unknown, inactive and expired keys get the same answer, so the response never
 * tells a guesser which keys exist. While the table is still loading nobody is refused as "invalid": the answer is
 * 503, because an unread key is not an unknown key. Then the permission for the operation is checked (403).
 */
@Singleton
public class ApiKeyAuthenticator {

    /** Keys longer than this are refused without hashing: no real key is that long. */
    static final int MAX_KEY_LENGTH = 256;

    private final Function<String, ApiKey> keysByHash;
    private final Supplier<Boolean> ready;
    private final Clock clock;

    @Inject
    public ApiKeyAuthenticator(ApiKeyStore store, Clock clock) {
        this(store::byHash, store::isReady, clock);
    }

    ApiKeyAuthenticator(Function<String, ApiKey> keysByHash, Supplier<Boolean> ready, Clock clock) {
        this.keysByHash = keysByHash;
        this.ready = ready;
        this.clock = clock;
    }

    /** The caller, or the refusal: 401 INVALID_API_KEY, 403 PERMISSION_DENIED, 503 while keys are loading. */
    public Result authenticate(@Nullable String presentedKey, Permission required) {
        if (!ready.get()) {
            return Result.refused(ApiError.of(ErrorCode.SERVICE_UNAVAILABLE,
                    "The service is starting and cannot check API keys yet; retry shortly"));
        }
        if (presentedKey == null || presentedKey.isBlank() || presentedKey.length() > MAX_KEY_LENGTH) {
            return Result.refused(ApiError.invalidApiKey());
        }
        ApiKey key = keysByHash.apply(ApiKeyHashes.sha256Hex(presentedKey.strip()));
        if (key == null || !key.getActive() || isExpired(key, clock.instant())) {
            return Result.refused(ApiError.invalidApiKey());
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
        return key == null || !key.getActive() || isExpired(key, clock.instant()) ? null : key;
    }

    /** As {@link #authenticate(String, Permission)}, with the permission taken from the one operation table. */
    public Result authenticate(@Nullable String presentedKey, ApiOperation operation) {
        return authenticate(presentedKey, operation.permission());
    }

    private static boolean isExpired(ApiKey key, Instant now) {
        return key.getExpiresAt() != null && !key.getExpiresAt().isAfter(now);
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

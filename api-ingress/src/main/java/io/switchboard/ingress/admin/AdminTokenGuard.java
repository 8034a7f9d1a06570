package io.switchboard.ingress.admin;

import io.micronaut.core.annotation.Nullable;
import io.switchboard.ingress.http.ApiError;
import io.switchboard.ingress.http.ErrorCode;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Admits an admin request when {@code Authorization: Bearer <token>} carries the configured admin token. Both sides
 * are hashed before a constant-time comparison, so neither the content nor the length of the token leaks through
 * timing. Without a configured token the admin API is off (503 ADMIN_API_DISABLED); a missing, malformed or wrong
 * token is 401 INVALID_ADMIN_TOKEN.
 */
@Singleton
public class AdminTokenGuard {

    private static final String BEARER = "bearer ";
    private final byte[] expectedDigest;

    public AdminTokenGuard(AdminConfiguration config) {
        this.expectedDigest = config.isEnabled() ? sha256(config.getAdminToken()) : null;
    }

    /** Null when admitted, else the refusal. */
    @Nullable
    public ApiError refusal(@Nullable String authorization) {
        if (expectedDigest == null) {
            return ApiError.of(ErrorCode.ADMIN_API_DISABLED,
                    "The admin API is disabled: set switchboard.ingress.admin-token to enable it");
        }
        if (authorization == null || authorization.length() <= BEARER.length() || authorization.length() > 1024
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return invalid();
        }
        byte[] presented = sha256(authorization.substring(BEARER.length()).strip());
        return MessageDigest.isEqual(expectedDigest, presented) ? null : invalid();
    }

    private static ApiError invalid() {
        return ApiError.of(ErrorCode.INVALID_ADMIN_TOKEN,
                "Missing or invalid admin token. Send it as Authorization: Bearer <token>.");
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}

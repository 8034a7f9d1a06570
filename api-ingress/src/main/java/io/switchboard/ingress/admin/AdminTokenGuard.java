package io.switchboard.ingress.admin;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.util.HttpClientAddressResolver;
import io.switchboard.ingress.http.ApiError;
import io.switchboard.ingress.http.ErrorCode;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Admits an admin request when {@code Authorization: Bearer <token>} carries the configured admin token. Both sides
 * are hashed before a constant-time comparison, so neither the content nor the length of the token leaks through
 * timing. Without a configured token the admin API is off (503 ADMIN_API_DISABLED); a missing, malformed or wrong
 * token is 401 INVALID_ADMIN_TOKEN. Every failure is counted ({@code switchboard.ingress.admin.auth.failures}, by
 * reason), and a remote address that keeps failing is answered 429 TOO_MANY_FAILED_AUTHENTICATIONS with
 * {@code Retry-After} ({@link AdminAuthThrottle}) before its token is even looked at. The address is the one
 * Micronaut resolves: the socket's, or a forwarding header only when {@code micronaut.server.client-address-header}
 * says to trust one.
 */
@Singleton
public class AdminTokenGuard {

    private static final String BEARER = "bearer ";
    private static final String METRIC = "switchboard.ingress.admin.auth.failures";

    private final byte[] expectedDigest;
    private final AdminAuthThrottle throttle;
    private final HttpClientAddressResolver addresses;
    private final MeterRegistry registry;
    private final Map<String, Counter> failures = new ConcurrentHashMap<>();

    @Inject
    public AdminTokenGuard(AdminConfiguration config, AdminAuthConfiguration auth,
                           @Nullable HttpClientAddressResolver addresses, MeterRegistry registry, Clock clock) {
        this.expectedDigest = config.isEnabled() ? sha256(config.getAdminToken()) : null;
        this.throttle = new AdminAuthThrottle(auth.getMaxFailures(), auth.getWindow(), clock);
        this.addresses = addresses;
        this.registry = registry;
    }

    /** Null when admitted, else the refusal. */
    @Nullable
    public ApiError refusal(HttpRequest<?> request, @Nullable String authorization) {
        String address = addresses != null ? addresses.resolve(request) : null;
        if (address == null) {
            address = request.getRemoteAddress().getAddress().getHostAddress();
        }
        return refusal(address, authorization);
    }

    /** As {@link #refusal(HttpRequest, String)}, for a caller at {@code address}. */
    @Nullable
    ApiError refusal(String address, @Nullable String authorization) {
        if (expectedDigest == null) {
            return ApiError.of(ErrorCode.ADMIN_API_DISABLED,
                    "The admin API is disabled: set switchboard.ingress.admin-token to enable it");
        }
        long wait = throttle.retryAfterSeconds(address);
        if (wait > 0) {
            count("throttled");
            return new ApiError(ErrorCode.TOO_MANY_FAILED_AUTHENTICATIONS, "Too many failed admin authentications "
                    + "from this address; retry after " + wait + " seconds with the right token.", wait, null);
        }
        String failure = check(authorization);
        if (failure == null) {
            return null;
        }
        throttle.failed(address);
        count(failure);
        return ApiError.of(ErrorCode.INVALID_ADMIN_TOKEN,
                "Missing or invalid admin token. Send it as Authorization: Bearer <token>.");
    }

    /** Null when the header carries the token, else why not: missing, malformed or wrong. */
    @Nullable
    private String check(@Nullable String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return "missing";
        }
        if (authorization.length() <= BEARER.length() || authorization.length() > 1024
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return "malformed";
        }
        byte[] presented = sha256(authorization.substring(BEARER.length()).strip());
        return MessageDigest.isEqual(expectedDigest, presented) ? null : "wrong";
    }

    private void count(String reason) {
        failures.computeIfAbsent(reason, tag -> Counter.builder(METRIC)
                .description("Admin API requests refused for their authentication, by reason "
                        + "(missing, malformed, wrong token; throttled after repeated failures)")
                .tag("reason", tag)
                .register(registry)).increment();
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}

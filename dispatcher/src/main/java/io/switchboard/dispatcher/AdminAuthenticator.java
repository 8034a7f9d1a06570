package io.switchboard.dispatcher;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one admin-token check of the dispatcher's admin API ({@code /admin/**}): {@code Authorization: Bearer
 * <switchboard.dispatcher.admin-token>}, compared in constant time (both sides hashed first, so neither the answer
 * time nor the length says how much matched); no token configured refuses everything. Each refusal is counted in
 * {@code dispatcher_admin_auth_failures_total{reason}} ({@code missing}, {@code invalid}, {@code throttled}). A
 * remote address with {@code max-failures} failures within {@code window} is answered 429 with {@code Retry-After}
 * until its window ends, whatever it sends, so guessing the token is slowed to a few tries a minute; answering
 * needs no waiting, so no event loop is held. A success clears the address's count.
 */
@Singleton
public class AdminAuthenticator {

    private record Failures(Instant since, int count) {
    }

    private final DispatcherProperties properties;
    private final AdminAuthProperties limits;
    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    public AdminAuthenticator(DispatcherProperties properties, AdminAuthProperties limits, MeterRegistry registry) {
        this(properties, limits, registry, Clock.systemUTC());
    }

    AdminAuthenticator(DispatcherProperties properties, AdminAuthProperties limits, MeterRegistry registry,
            Clock clock) {
        this.properties = properties;
        this.limits = limits;
        this.registry = registry;
        this.clock = clock;
    }

    /** Empty when the request may go on; otherwise the answer to send (401 or 429). */
    public Optional<HttpResponse<?>> refusal(HttpRequest<?> request, String authorization) {
        String caller = request.getRemoteAddress().getAddress() == null ? request.getRemoteAddress().getHostString()
                : request.getRemoteAddress().getAddress().getHostAddress();
        Instant now = clock.instant();
        Failures seen = failures.get(caller);
        if (seen != null && seen.count() >= limits.getMaxFailures() && now.isBefore(seen.since().plus(limits.getWindow()))) {
            count("throttled");
            long retryAfter = Math.max(1, (seen.since().plus(limits.getWindow()).toEpochMilli() - now.toEpochMilli()
                    + 999) / 1000);
            return Optional.of(HttpResponse.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header("Retry-After", String.valueOf(retryAfter))
                    .body(Map.of("code", "TOO_MANY_FAILED_AUTHENTICATIONS", "retry_after_seconds", retryAfter,
                            "message", "Too many failed authentications from this address; try again in "
                                    + retryAfter + " s with the right admin token")));
        }
        String token = properties.getAdminToken();
        if (token != null && !token.isBlank() && authorization != null && matches("Bearer " + token, authorization)) {
            failures.remove(caller);
            return Optional.empty();
        }
        count(authorization == null ? "missing" : "invalid");
        remember(caller, now);
        return Optional.of(HttpResponse.status(HttpStatus.UNAUTHORIZED).body(Map.of("code", "UNAUTHORIZED",
                "message", "Send Authorization: Bearer <admin token> (switchboard.dispatcher.admin-token)")));
    }

    private void remember(String caller, Instant now) {
        if (failures.size() >= limits.getMaxTracked()) {
            failures.values().removeIf(f -> !now.isBefore(f.since().plus(limits.getWindow())));
            if (failures.size() >= limits.getMaxTracked()) {
                failures.keySet().stream().findAny().ifPresent(failures::remove);
            }
        }
        failures.compute(caller, (address, old) -> old == null || !now.isBefore(old.since().plus(limits.getWindow()))
                ? new Failures(now, 1) : new Failures(old.since(), old.count() + 1));
    }

    private void count(String reason) {
        Counter.builder("dispatcher.admin.auth.failures").tag("reason", reason)
                .description("Admin API requests refused for their authentication").register(registry).increment();
    }

    private static boolean matches(String expected, String given) {
        return MessageDigest.isEqual(sha256(expected), sha256(given));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.switchboard.ingress.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.ingress.http.ApiError;
import io.switchboard.ingress.http.ErrorCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class AdminTokenGuardTest {

    private static final String ADDRESS = "203.0.113.7";

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2025-12-19T10:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    private AdminTokenGuard guard(String token, int maxFailures) {
        AdminConfiguration config = new AdminConfiguration();
        config.setAdminToken(token);
        AdminAuthConfiguration auth = new AdminAuthConfiguration();
        auth.setMaxFailures(maxFailures);
        auth.setWindow(Duration.ofMinutes(1));
        return new AdminTokenGuard(config, auth, null, registry, clock);
    }

    private double failures(String reason) {
        var counter = registry.find("switchboard.ingress.admin.auth.failures").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void onlyTheConfiguredBearerTokenIsAdmitted() {
        AdminTokenGuard guard = guard("s3cret-admin-token", 1000);

        assertThat(guard.refusal(ADDRESS, "Bearer s3cret-admin-token")).isNull();
        assertThat(guard.refusal(ADDRESS, "bearer s3cret-admin-token ")).isNull();
        for (String header : new String[] {null, "", "Bearer", "Bearer ", "Bearer s3cret-admin-tokeN",
                "Bearer s3cret-admin-token2", "Basic s3cret-admin-token", "s3cret-admin-token",
                "Bearer " + "x".repeat(5000)}) {
            assertThat(guard.refusal(ADDRESS, header).code()).as(String.valueOf(header))
                    .isEqualTo(ErrorCode.INVALID_ADMIN_TOKEN);
        }
        assertThat(failures("missing")).isEqualTo(2);
        assertThat(failures("malformed")).isEqualTo(5);
        assertThat(failures("wrong")).isEqualTo(2);
    }

    @Test
    void anAddressThatKeepsFailingWaitsUntilItsWindowEndsEvenWithTheRightToken() {
        AdminTokenGuard guard = guard("s3cret-admin-token", 3);
        for (int i = 0; i < 3; i++) {
            assertThat(guard.refusal(ADDRESS, "Bearer guess-" + i).code()).isEqualTo(ErrorCode.INVALID_ADMIN_TOKEN);
        }
        now.set(now.get().plusSeconds(20));

        ApiError throttled = guard.refusal(ADDRESS, "Bearer s3cret-admin-token");

        assertThat(throttled.code()).isEqualTo(ErrorCode.TOO_MANY_FAILED_AUTHENTICATIONS);
        assertThat(throttled.code().status().getCode()).isEqualTo(429);
        assertThat(throttled.retryAfterSeconds()).isEqualTo(40);
        assertThat(throttled.message()).contains("retry after 40 seconds");
        assertThat(failures("throttled")).isEqualTo(1);
        // Another address is not held back, and the window's end frees this one.
        assertThat(guard.refusal("198.51.100.1", "Bearer s3cret-admin-token")).isNull();
        now.set(now.get().plusSeconds(40));
        assertThat(guard.refusal(ADDRESS, "Bearer s3cret-admin-token")).isNull();
    }

    @Test
    void failuresSpreadOverSeveralWindowsNeverThrottle() {
        AdminTokenGuard guard = guard("s3cret-admin-token", 3);
        for (int i = 0; i < 10; i++) {
            guard.refusal(ADDRESS, "Bearer wrong");
            guard.refusal(ADDRESS, "Bearer wrong");
            now.set(now.get().plusSeconds(61));
        }

        assertThat(guard.refusal(ADDRESS, "Bearer s3cret-admin-token")).isNull();
        assertThat(failures("throttled")).isZero();
    }

    @Test
    void withoutATokenTheAdminApiIsDisabled() {
        for (String token : new String[] {null, "", "   "}) {
            assertThat(guard(token, 10).refusal(ADDRESS, "Bearer anything").code())
                    .isEqualTo(ErrorCode.ADMIN_API_DISABLED);
        }
        assertThat(new AdminConfiguration().toString()).contains("<none>");
        AdminConfiguration config = new AdminConfiguration();
        config.setAdminToken("s3cret-admin-token");
        assertThat(config.toString()).doesNotContain("s3cret");
    }
}

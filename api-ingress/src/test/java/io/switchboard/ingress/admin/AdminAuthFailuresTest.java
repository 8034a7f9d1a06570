package io.switchboard.ingress.admin;

import static io.switchboard.ingress.support.IngressApp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.ingress.support.AdminCalls;
import io.switchboard.ingress.support.IngressApp;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The admin API counts failed authentications and, after a few from one address within the window, answers that
 * address 429 with Retry-After, the right token included, until the window ends (compressed here to seconds).
 */
class AdminAuthFailuresTest {

    private static IngressApp app;

    @BeforeAll
    static void start() {
        app = IngressApp.start(Map.of("switchboard.ingress.admin-token", AdminCalls.ADMIN_TOKEN,
                "switchboard.ingress.admin-auth.max-failures", 3,
                "switchboard.ingress.admin-auth.window", "3s"));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void aCallerThatKeepsFailingIsAnswered429UntilTheWindowEndsAndEveryFailureIsCounted() {
        AdminCalls guesser = new AdminCalls(app, "guess");
        AdminCalls admin = new AdminCalls(app, AdminCalls.ADMIN_TOKEN);
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> refused = guesser.call("GET", "/api/v1/admin/accounts", null);
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(json(refused).get("error").get("code").asText()).isEqualTo("INVALID_ADMIN_TOKEN");
        }

        HttpResponse<String> throttled = admin.call("GET", "/api/v1/admin/keys", null);

        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(json(throttled).get("error").get("code").asText()).isEqualTo("TOO_MANY_FAILED_AUTHENTICATIONS");
        long retryAfter = Long.parseLong(throttled.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 3L);
        assertThat(json(throttled).get("error").get("retry_after").asLong()).isEqualTo(retryAfter);
        assertThat(guesser.call("POST", "/api/v1/admin/accounts", "{}").statusCode()).isEqualTo(429);
        String metrics = app.send("GET", "/prometheus", null).body();
        assertThat(metrics).contains("switchboard_ingress_admin_auth_failures_total{reason=\"wrong\"} 3.0")
                .contains("switchboard_ingress_admin_auth_failures_total{reason=\"throttled\"} 2.0");

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250))
                .until(() -> admin.call("GET", "/api/v1/admin/keys", null).statusCode() == 200);
    }
}

package io.switchboard.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The admin API's authentication on both controllers (halts and dead letters; customer-webhook deliveries): wrong or
 * missing tokens are 401 and counted; a caller that keeps failing is answered 429 with Retry-After, even with the
 * right token, until its window ends; then the right token works again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminAuthTest {

    private static final String MASTER_KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private DispatcherEnvironment env;

    @BeforeAll
    void start() throws Exception {
        env = new DispatcherEnvironment(Map.of(
                "switchboard.dispatcher.admin-auth.max-failures", 3,
                "switchboard.dispatcher.admin-auth.window", "3s",
                "switchboard.webhooks.master-key", MASTER_KEY));
    }

    @AfterAll
    void stop() throws Exception {
        env.close();
    }

    @Test
    void aCallerThatKeepsFailingIsSlowedDownOnEveryAdminEndpointAndCounted() throws Exception {
        assertThat(call("/admin/halts", "Bearer " + DispatcherEnvironment.ADMIN_TOKEN).statusCode()).isEqualTo(200);

        HttpResponse<String> missing = call("/admin/halts", null);
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(missing.body()).contains("\"code\":\"UNAUTHORIZED\"").contains("Bearer");
        assertThat(call("/admin/dead-letters", "Bearer adm_wrong").statusCode()).isEqualTo(401);
        assertThat(call("/admin/webhooks/deliveries/msg_0000", "Bearer " + DispatcherEnvironment.ADMIN_TOKEN + "x")
                .statusCode()).isEqualTo(401);

        HttpResponse<String> throttled = call("/admin/halts", "Bearer " + DispatcherEnvironment.ADMIN_TOKEN);
        assertThat(throttled.statusCode()).as("the right token too, while the caller is throttled").isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).hasValueSatisfying(seconds ->
                assertThat(Integer.parseInt(seconds)).isBetween(1, 3));
        assertThat(throttled.body()).contains("TOO_MANY_FAILED_AUTHENTICATIONS");
        assertThat(call("/admin/webhooks/deliveries/msg_0000", "Bearer " + DispatcherEnvironment.ADMIN_TOKEN)
                .statusCode()).isEqualTo(429);

        String metrics = call("/prometheus", null).body();
        assertThat(metrics).containsPattern("dispatcher_admin_auth_failures_total\\{reason=\"missing\",?\\} 1\\.0")
                .containsPattern("dispatcher_admin_auth_failures_total\\{reason=\"invalid\",?\\} 2\\.0")
                .containsPattern("dispatcher_admin_auth_failures_total\\{reason=\"throttled\",?\\} [1-9]");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(call("/admin/halts",
                "Bearer " + DispatcherEnvironment.ADMIN_TOKEN).statusCode()).isEqualTo(200));
        assertThat(call("/admin/halts", "Bearer wrong").statusCode()).as("a success cleared the count").isEqualTo(401);
    }

    private HttpResponse<String> call(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(env.url(path))).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

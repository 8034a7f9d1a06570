package io.switchboard.infrastructure.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/** {@code /health} answers by the deadline even when an indicator never answers or blocks its caller. */
class DeadlineHealthAggregatorTest {

    static final CountDownLatch RELEASE = new CountDownLatch(1);

    private static HttpResponse<String> health(EmbeddedServer server) throws Exception {
        // The client gives up after 1.5 s: an answer at all proves the deadline held.
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.getURL() + "/health"))
                .timeout(Duration.ofMillis(1500)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void indicatorsThatHangOrBlockAreDownByTheDeadlineAndTheOthersStillReport() throws Exception {
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of("micronaut.server.port", -1,
                "test.health", true, "switchboard.health.indicator-timeout", "400ms",
                "endpoints.health.details-visible", "ANONYMOUS", "endpoints.health.sensitive", false))) {
            HttpResponse<String> response = health(server);

            assertThat(response.statusCode()).isEqualTo(503);
            JsonNode details = new ObjectMapper().readTree(response.body()).get("details");
            assertThat(details.at("/hanging/status").asText()).isEqualTo("DOWN");
            assertThat(details.at("/hanging/details/error").asText()).contains("did not answer within 400 ms");
            assertThat(details.at("/blocking/status").asText()).isEqualTo("DOWN");
            assertThat(details.at("/healthy/status").asText()).isEqualTo("UP");
        } finally {
            RELEASE.countDown();
        }
    }

    @Test
    void withoutTheSettingMicronautsAggregatorIsUsed() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("test.health", false))) {
            assertThat(context.containsBean(DeadlineHealthAggregator.class)).isFalse();
        }
    }

    @Test
    void anIndicatorThatNeverAnsweredIsNamedAfterItsClass() {
        assertThat(DeadlineHealthAggregator.nameOf(HangingHealthIndicator.class)).isEqualTo("hanging");
    }

    @Singleton
    @Requires(property = "test.health", value = "true")
    static class HangingHealthIndicator implements HealthIndicator {
        @Override
        public Publisher<HealthResult> getResult() {
            return Mono.never();
        }
    }

    /** Blocks the thread that asks, as an indicator doing synchronous I/O on a hung dependency does. */
    @Singleton
    @Requires(property = "test.health", value = "true")
    static class BlockingHealthIndicator implements HealthIndicator {
        @Override
        public Publisher<HealthResult> getResult() {
            try {
                RELEASE.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Mono.just(HealthResult.builder("blocking", HealthStatus.UP).build());
        }
    }

    @Singleton
    @Requires(property = "test.health", value = "true")
    static class HealthyHealthIndicator implements HealthIndicator {
        @Override
        public Publisher<HealthResult> getResult() {
            return Mono.just(HealthResult.builder("healthy", HealthStatus.UP).build());
        }
    }
}

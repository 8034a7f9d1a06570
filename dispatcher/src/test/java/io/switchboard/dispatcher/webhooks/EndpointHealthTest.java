package io.switchboard.dispatcher.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.WebhookEndpoint;
import io.switchboard.schemas.avro.WebhookEndpointHealth;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EndpointHealthTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2025-12-23T14:00:00Z"));
    private final List<WebhookEndpointHealth> published = new ArrayList<>();
    private final Map<String, WebhookEndpointHealth> stored = new HashMap<>();
    private final EndpointHealth health = new EndpointHealth(stored::get, published::add, Duration.ofHours(24),
            Duration.ofSeconds(1), clock);
    private final WebhookEndpoint endpoint = WebhookFixtures.endpoint("acct", "https://hooks.acme.example/",
            WebhookFixtures.newSecret(), List.of("message.status"));

    @Test
    void anEndpointFailsFromItsFirstFailureAndIsDisabledAfterFailingForDisableAfter() {
        endpoint.setEnabledAt(clock.instant().minusSeconds(60));
        assertThat(health.failed(endpoint, "HTTP 503")).isFalse();
        assertThat(health.isFailing(endpoint)).isTrue();
        clock.advance(Duration.ofHours(23));
        assertThat(health.failed(endpoint, "HTTP 503")).isFalse();
        clock.advance(Duration.ofHours(1));
        assertThat(health.failed(endpoint, "timeout")).isTrue();
        assertThat(health.isDisabled(endpoint)).isTrue();
        WebhookEndpointHealth last = published.get(published.size() - 1);
        assertThat(last.getState()).isEqualTo("DISABLED");
        assertThat(last.getFailingSince()).isEqualTo(Instant.parse("2025-12-23T14:00:00Z"));
        assertThat(last.getDisabledReason()).contains("timeout");
    }

    @Test
    void aSuccessEndsFailingAndAnEnableNewerThanTheDisableLiftsIt() {
        endpoint.setEnabledAt(clock.instant().minusSeconds(60));
        health.failed(endpoint, "HTTP 500");
        health.succeeded(endpoint);
        assertThat(health.isFailing(endpoint)).isFalse();

        stored.put("we_other", WebhookEndpointHealth.newBuilder().setEndpointId("we_other").setState("DISABLED")
                .setDisabledAt(clock.instant()).setUpdatedAt(clock.instant()).build());
        WebhookEndpoint other = WebhookEndpoint.newBuilder(endpoint).setEndpointId("we_other")
                .setEnabledAt(clock.instant().minusSeconds(1)).build();
        assertThat(health.isDisabled(other)).isTrue();
        clock.advance(Duration.ofMinutes(5));
        assertThat(health.isDisabled(WebhookEndpoint.newBuilder(other).setEnabledAt(clock.instant()).build()))
                .isFalse();
    }

    @Test
    void stateChangesArePublishedAtOnceAndSuccessTimesAtMostEveryInterval() {
        endpoint.setEnabledAt(clock.instant());
        health.succeeded(endpoint);
        health.succeeded(endpoint);
        health.succeeded(endpoint);
        assertThat(published).hasSize(1);
        health.failed(endpoint, "HTTP 500");
        assertThat(published).hasSize(2);
        health.succeeded(endpoint);
        assertThat(published).hasSize(3);
        health.succeeded(endpoint);
        clock.advance(Duration.ofSeconds(2));
        health.publishPending();
        assertThat(published).hasSize(4);
        health.publishPending();
        assertThat(published).hasSize(4);
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}

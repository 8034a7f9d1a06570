package io.switchboard.projector.streams;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.reactivestreams.Publisher;

/**
 * Health of the projection: DOWN when Streams has failed or is stopping ({@code ERROR}, {@code PENDING_ERROR},
 * {@code PENDING_SHUTDOWN}, {@code NOT_RUNNING}) or has not been created; UP while running or rebalancing, which is
 * normal when instances come and go (queries answer 503 meanwhile). Kafka itself is covered by micronaut-kafka's
 * indicator.
 */
@Singleton
public class StreamsHealthIndicator implements HealthIndicator {

    static final String NAME = "kafkaStreams";
    private final ProjectorStreams projector;

    public StreamsHealthIndicator(ProjectorStreams projector) {
        this.projector = projector;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        KafkaStreams.State state = projector.streams().map(KafkaStreams::state).orElse(null);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("state", state == null ? "NOT_CREATED" : state.name());
        projector.self().ifPresent(self -> details.put("applicationServer", self.host() + ":" + self.port()));
        return Publishers.just(HealthResult.builder(NAME, statusOf(state)).details(details).build());
    }

    static HealthStatus statusOf(KafkaStreams.State state) {
        if (state == null) {
            return HealthStatus.DOWN;
        }
        return switch (state) {
            case CREATED, REBALANCING, RUNNING -> HealthStatus.UP;
            case PENDING_SHUTDOWN, NOT_RUNNING, PENDING_ERROR, ERROR -> HealthStatus.DOWN;
        };
    }
}

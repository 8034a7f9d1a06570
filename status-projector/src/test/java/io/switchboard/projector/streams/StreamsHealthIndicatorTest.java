package io.switchboard.projector.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.health.HealthStatus;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StreamsHealthIndicatorTest {

    @ParameterizedTest
    @EnumSource(value = KafkaStreams.State.class, names = {"ERROR", "PENDING_ERROR", "PENDING_SHUTDOWN", "NOT_RUNNING"})
    void failedOrStoppingStreamsAreDown(KafkaStreams.State state) {
        assertThat(StreamsHealthIndicator.statusOf(state)).isEqualTo(HealthStatus.DOWN);
    }

    @ParameterizedTest
    @EnumSource(value = KafkaStreams.State.class, names = {"CREATED", "REBALANCING", "RUNNING"})
    void startingRebalancingAndRunningStreamsAreUp(KafkaStreams.State state) {
        assertThat(StreamsHealthIndicator.statusOf(state)).isEqualTo(HealthStatus.UP);
    }

    @Test
    void streamsNotCreatedYetAreDown() {
        assertThat(StreamsHealthIndicator.statusOf(null)).isEqualTo(HealthStatus.DOWN);
    }
}

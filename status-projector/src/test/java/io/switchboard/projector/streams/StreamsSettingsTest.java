package io.switchboard.projector.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.projector.ProjectorConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

class StreamsSettingsTest {

    @Test
    void exactlyOnceWithThisInstancesAddressAndAShortCommitInterval() {
        ProjectorConfig config = new ProjectorConfig();
        config.setStateDir("/var/lib/projector");

        Properties props = StreamsSettings.of(config, "kafka:9092", (short) 3, new HostInfo("projector-1", 8084));

        assertThat(props).containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "status-projector")
                .containsEntry(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "kafka:9092")
                .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, "exactly_once_v2")
                .containsEntry(StreamsConfig.APPLICATION_SERVER_CONFIG, "projector-1:8084")
                .containsEntry(StreamsConfig.STATE_DIR_CONFIG, "/var/lib/projector")
                .containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100")
                .containsEntry(StreamsConfig.REPLICATION_FACTOR_CONFIG, "3");
    }

    @Test
    void theProducerKeepsOneRequestInFlightSoANewTransactionsFirstBatchIsAppendedBeforeTheNext() {
        Properties props = StreamsSettings.of(new ProjectorConfig(), "kafka:9092", (short) 1,
                new HostInfo("localhost", 8084));

        assertThat(props).containsEntry("producer." + ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        assertThat(new StreamsConfig(props).getProducerConfigs("client")
                .get(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION)).isEqualTo("1");
    }

    @Test
    void passThroughPropertiesWin() {
        ProjectorConfig config = new ProjectorConfig();
        config.setCommitInterval(Duration.ofSeconds(1));
        config.setStreams(Map.of("num.standby.replicas", "1", StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "50"));

        Properties props = StreamsSettings.of(config, "kafka:9092", (short) 1, new HostInfo("localhost", 8084));

        assertThat(props).containsEntry("num.standby.replicas", "1")
                .containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "50");
    }
}

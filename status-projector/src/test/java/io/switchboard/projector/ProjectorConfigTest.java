package io.switchboard.projector;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProjectorConfigTest {

    @Test
    void defaultsComeFromApplicationYml() {
        try (ApplicationContext context = ApplicationContext.run()) {
            ProjectorConfig config = context.getBean(ProjectorConfig.class);

            assertThat(config.getApplicationId()).isEqualTo("status-projector");
            assertThat(config.getCommitInterval()).isEqualTo(Duration.ofMillis(100));
            assertThat(config.getHeldRetention()).isEqualTo(Duration.ofDays(7));
            assertThat(config.getStateDir()).endsWith("status-projector");
            assertThat(config.getAdvertisedHost()).isNull();
            assertThat(config.getRecentStatusesPerPartition()).isEqualTo(2000);
            assertThat(config.getAskedStatusesPerPartition()).isEqualTo(1000);
            assertThat(config.getSearchScanLimit()).isEqualTo(10_000);
            assertThat(config.getLagInterval()).isEqualTo(Duration.ofSeconds(10));
        }
    }

    @Test
    void streamsPassThroughKeysKeepTheirDots() {
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "switchboard.projector.streams.num.standby.replicas", "1",
                "switchboard.projector.held-retention", "2d"))) {
            ProjectorConfig config = context.getBean(ProjectorConfig.class);

            assertThat(config.getStreams()).containsEntry("num.standby.replicas", "1");
            assertThat(config.getHeldRetention()).isEqualTo(Duration.ofDays(2));
        }
    }
}

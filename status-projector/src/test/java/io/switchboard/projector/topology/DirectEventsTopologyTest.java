package io.switchboard.projector.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.projector.TestInfra;
import io.switchboard.schemas.Topics;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * Where the dispatcher's facts enter the applier: straight from {@code message-events} when that topic is
 * co-partitioned with the facts repartition topic (one exactly-once commit cycle less on the way to {@code sent}),
 * through the repartition topic otherwise.
 */
class DirectEventsTopologyTest {

    @Test
    void coPartitionedEventsAreReadByTheApplierItself() {
        assertThat(applierSources(true)).contains(Topics.MESSAGE_EVENTS.name())
                .anyMatch(topic -> topic.endsWith("facts-by-message-repartition"));
    }

    @Test
    void otherwiseEveryFactIsRepartitionedFirst() {
        assertThat(applierSources(false)).noneMatch(topic -> topic.equals(Topics.MESSAGE_EVENTS.name()))
                .anyMatch(topic -> topic.endsWith("facts-by-message-repartition"));
    }

    private static Set<String> applierSources(boolean eventsCoPartitioned) {
        StreamsBuilder builder = new StreamsBuilder();
        StatusTopology.build(builder, ProjectorSerdes.forRegistry(TestInfra.registryUrl()),
                StatusTopology.DEFAULT_HELD_RETENTION, Stores::inMemoryKeyValueStore, RecentStatuses.none(),
                eventsCoPartitioned);
        TopologyDescription.Subtopology applier = builder.build().describe().subtopologies().stream()
                .filter(sub -> sub.nodes().stream().anyMatch(node -> node.name().equals("status-applier")))
                .findFirst().orElseThrow();
        return applier.nodes().stream()
                .filter(node -> node instanceof TopologyDescription.Source)
                .flatMap(node -> ((TopologyDescription.Source) node).topicSet().stream())
                .collect(Collectors.toSet());
    }
}

package io.switchboard.projector.topology;

import io.switchboard.projector.TestInfra;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.MessageEvent;
import io.switchboard.schemas.avro.MessageStatus;
import io.switchboard.schemas.avro.SendCommand;
import io.switchboard.schemas.avro.StatusUpdate;
import java.time.Duration;
import java.util.Properties;
import java.util.function.Function;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The status topology on a TopologyTestDriver, with the catalogue's Avro serdes talking to the real embedded
 * registry; its own application id and state dir; wall clock starting at {@link Records#T0}.
 */
final class TopologyFixture implements AutoCloseable {

    static final Duration HELD_RETENTION = Duration.ofDays(7);

    final TopologyTestDriver driver;
    final TestInputTopic<String, SendCommand> commands;
    final TestInputTopic<String, MessageEvent> events;
    final TestInputTopic<String, StatusUpdate> statuses;
    final TestOutputTopic<String, MessageStatus> output;
    final KeyValueStore<String, MessageStatus> store;
    final KeyValueStore<String, StatusUpdate> held;
    final KeyValueStore<String, String> wamidIndex;

    TopologyFixture(Function<String, KeyValueBytesStoreSupplier> stores) {
        this(stores, RecentStatuses.none());
    }

    TopologyFixture(Function<String, KeyValueBytesStoreSupplier> stores, RecentStatuses recent) {
        this(stores, recent, true);
    }

    TopologyFixture(Function<String, KeyValueBytesStoreSupplier> stores, RecentStatuses recent,
                    boolean eventsCoPartitioned) {
        ProjectorSerdes serdes = ProjectorSerdes.forRegistry(TestInfra.registryUrl());
        StreamsBuilder builder = new StreamsBuilder();
        StatusTopology.build(builder, serdes, HELD_RETENTION, stores, recent, eventsCoPartitioned);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, TestInfra.uniqueApplicationId("ttd"));
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, TestInfra.freshStateDir("ttd").toString());
        driver = new TopologyTestDriver(builder.build(), props, Records.T0);

        StringSerializer keys = new StringSerializer();
        commands = driver.createInputTopic(Topics.SEND_COMMANDS.name(), keys, serdes.sendCommand().serializer());
        events = driver.createInputTopic(Topics.MESSAGE_EVENTS.name(), keys, serdes.messageEvent().serializer());
        statuses = driver.createInputTopic(Topics.STATUS_UPDATES.name(), keys, serdes.statusUpdate().serializer());
        output = driver.createOutputTopic(Topics.MESSAGE_STATUS.name(), new StringDeserializer(),
                serdes.messageStatus().deserializer());
        store = driver.getKeyValueStore(StatusTopology.MESSAGE_STORE);
        held = driver.getKeyValueStore(StatusTopology.HELD_STATUSES_STORE);
        wamidIndex = driver.getKeyValueStore(StatusTopology.WAMID_INDEX_STORE);
    }

    /** The send command of {@code messageId}, as the ingress writes it. */
    void accept(String messageId) {
        commands.pipeInput(Topics.sendCommandKey(Records.PHONE_NUMBER_ID, Records.RECIPIENT),
                Records.command(messageId));
    }

    void sent(String messageId, String wamid) {
        events.pipeInput(messageId, Records.sent(messageId, wamid));
    }

    void status(StatusUpdate update) {
        statuses.pipeInput(update.getWamid(), update);
    }

    long heldCount() {
        long n = 0;
        try (KeyValueIterator<String, StatusUpdate> all = held.all()) {
            for (; all.hasNext(); all.next()) {
                n++;
            }
        }
        return n;
    }

    @Override
    public void close() {
        driver.close();
    }
}

package io.switchboard.projector.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.projector.TestInfra;
import io.switchboard.projector.topology.OutboundPosition;
import io.switchboard.projector.topology.ProjectorSerdes;
import io.switchboard.projector.topology.Records;
import io.switchboard.projector.topology.RecentStatuses;
import io.switchboard.projector.topology.StatusTopology;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.MessageEvent;
import io.switchboard.schemas.avro.MessageEventType;
import io.switchboard.schemas.avro.MessageState;
import io.switchboard.schemas.avro.MessageStatus;
import io.switchboard.schemas.avro.SendCommand;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The outbound index as the status applier writes it (TopologyTestDriver, one partition) and searched partition by
 * partition and merged: newest first, every filter, pages and cursors, the scan limit, and other accounts never seen.
 */
class OutboundSearchScanTest {

    private static final String ACCOUNT = "acct-7f3a";
    private static final String OTHER_ACCOUNT = "acct-other";
    private static final String SECOND_RECIPIENT = "+447700900123";

    private TopologyTestDriver driver;
    private TestInputTopic<String, SendCommand> commands;
    private TestInputTopic<String, MessageEvent> events;
    private KeyValueStore<Bytes, byte[]> index;
    private KeyValueStore<String, MessageStatus> messages;
    /** The account's message ids, oldest first. */
    private final List<String> sent = new ArrayList<>();

    @BeforeEach
    void acceptMessages() {
        ProjectorSerdes serdes = ProjectorSerdes.forRegistry(TestInfra.registryUrl());
        StreamsBuilder builder = new StreamsBuilder();
        StatusTopology.build(builder, serdes, StatusTopology.DEFAULT_HELD_RETENTION, Stores::inMemoryKeyValueStore,
                RecentStatuses.none(), true);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, TestInfra.uniqueApplicationId("search"));
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, TestInfra.freshStateDir("search").toString());
        driver = new TopologyTestDriver(builder.build(), props, Records.T0);
        commands = driver.createInputTopic(Topics.SEND_COMMANDS.name(), new StringSerializer(),
                serdes.sendCommand().serializer());
        events = driver.createInputTopic(Topics.MESSAGE_EVENTS.name(), new StringSerializer(),
                serdes.messageEvent().serializer());
        index = driver.getKeyValueStore(StatusTopology.OUTBOUND_INDEX_STORE);
        messages = driver.getKeyValueStore(StatusTopology.MESSAGE_STORE);
        for (int i = 0; i < 20; i++) {
            String id = UUID.randomUUID().toString();
            sent.add(id);
            accept(id, ACCOUNT, i % 2 == 0 ? Records.RECIPIENT : SECOND_RECIPIENT, "ref-" + (i % 4), i);
            if (i % 5 == 4) {
                MessageEvent failed = Records.event(id, MessageEventType.FAILED, i + 1, null, Records.UNDELIVERABLE);
                events.pipeInput(id, failed);
            }
        }
        for (int i = 0; i < 5; i++) {
            accept(UUID.randomUUID().toString(), OTHER_ACCOUNT, Records.RECIPIENT, "ref-0", i);
        }
    }

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void pagesThroughEveryMessageOfTheAccountNewestFirstAndNoOtherAccountsMessage() {
        List<String> listed = all(filter(null, null, Set.of(), null, null, 6), 10_000);

        List<String> newestFirst = new ArrayList<>(sent);
        java.util.Collections.reverse(newestFirst);
        assertThat(listed).isEqualTo(newestFirst);
    }

    @Test
    void findsAMessageByItsReferenceAmongTheAccountsOnly() {
        List<String> listed = all(filter("ref-1", null, Set.of(), null, null, 50), 10_000);

        assertThat(listed).containsExactly(sent.get(17), sent.get(13), sent.get(9), sent.get(5), sent.get(1));
        assertThat(all(filter("ref-0", null, Set.of(), null, null, 50), 10_000))
                .as("another account's messages with the same reference are not listed").hasSize(5)
                .allSatisfy(id -> assertThat(sent).contains(id));
    }

    @Test
    void filtersByRecipientStatusAndAcceptanceTime() {
        assertThat(all(filter(null, SECOND_RECIPIENT, EnumSet.of(MessageState.FAILED), null, null, 50), 10_000))
                .containsExactly(sent.get(19), sent.get(9));
        assertThat(all(filter(null, null, EnumSet.of(MessageState.FAILED), null, null, 50), 10_000))
                .containsExactly(sent.get(19), sent.get(14), sent.get(9), sent.get(4));
        Instant since = Records.at(5);
        Instant until = Records.at(8);
        assertThat(all(filter(null, null, Set.of(), since.toEpochMilli(), until.toEpochMilli(), 50), 10_000))
                .as("since inclusive, until exclusive").containsExactly(sent.get(7), sent.get(6), sent.get(5));
        assertThat(all(filter("ref-2", Records.RECIPIENT, Set.of(), null, null, 50), 10_000))
                .containsExactly(sent.get(18), sent.get(14), sent.get(10), sent.get(6), sent.get(2));
    }

    @Test
    void aRareMatchUnderTheScanLimitIsFoundOverSeveralShortPages() {
        OutboundFilter failed = filter(null, null, EnumSet.of(MessageState.FAILED), null, null, 50);

        OutboundPages.Page first = OutboundPages.merge(List.of(PartitionScan.scan(0, index, messages, failed, 3)), 50);

        assertThat(first.hits()).as("3 entries read: the newest is the only failure among them").hasSize(1);
        assertThat(first.next()).isNotNull();
        assertThat(all(failed, 3)).containsExactly(sent.get(19), sent.get(14), sent.get(9), sent.get(4));
    }

    @Test
    void aPageNeverGoesPastAPartitionThatStoppedEarlier() {
        PartitionScan.Hit newest = hit(5_000, "a");
        PartitionScan.Hit older = hit(3_000, "b");
        PartitionScan.Hit oldest = hit(1_000, "c");
        PartitionScan.Result complete = new PartitionScan.Result(0, List.of(newest, older, oldest), null);
        PartitionScan.Result stoppedAt4000 = new PartitionScan.Result(1, List.of(),
                new OutboundPosition(4_000, "x"));

        OutboundPages.Page page = OutboundPages.merge(List.of(complete, stoppedAt4000), 10);

        assertThat(page.hits()).containsExactly(newest);
        assertThat(page.next()).isEqualTo(new OutboundPosition(4_000, "x"));
        OutboundPages.Page full = OutboundPages.merge(List.of(complete,
                new PartitionScan.Result(1, List.of(), null)), 2);
        assertThat(full.hits()).containsExactly(newest, older);
        assertThat(full.next()).isEqualTo(older.position());
    }

    private static PartitionScan.Hit hit(long at, String id) {
        return new PartitionScan.Hit(new OutboundPosition(at, id), null);
    }

    private List<String> all(OutboundFilter first, int budget) {
        List<String> ids = new ArrayList<>();
        OutboundFilter filter = first;
        for (int pages = 0; pages < 100; pages++) {
            OutboundPages.Page page = OutboundPages.merge(List.of(PartitionScan.scan(0, index, messages, filter,
                    budget)), filter.limit());
            page.hits().forEach(hit -> ids.add(hit.view().messageId()));
            if (page.next() == null) {
                return ids;
            }
            filter = new OutboundFilter(filter.accountId(), filter.reference(), filter.recipient(), filter.statuses(),
                    filter.sinceMillis(), filter.untilMillis(), page.next(), filter.limit());
        }
        throw new AssertionError("no last page after 100 pages");
    }

    private static OutboundFilter filter(String reference, String recipient, Set<MessageState> statuses, Long since,
                                         Long until, int limit) {
        return OutboundFilter.parse(ACCOUNT, Map.of(
                "reference", reference == null ? "" : reference,
                "recipient", recipient == null ? "" : recipient,
                "status", String.join(",", statuses.stream().map(Enum::name).toList()),
                "since_ms", since == null ? "" : since.toString(),
                "until_ms", until == null ? "" : until.toString(),
                "limit", Integer.toString(limit))::get);
    }

    private void accept(String id, String account, String recipient, String reference, int second) {
        SendCommand command = SendCommand.newBuilder(Records.command(id)).setAccountId(account)
                .setRecipient(recipient).setReference(reference).setAcceptedAt(Records.at(second)).build();
        commands.pipeInput(Topics.sendCommandKey(command.getPhoneNumberId(), recipient), command);
    }
}

package io.switchboard.projector.topology;

import io.switchboard.projector.state.StatusFact;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.MessageEvent;
import io.switchboard.schemas.avro.MessageEventType;
import io.switchboard.schemas.avro.MessageStatus;
import io.switchboard.schemas.avro.StatusUpdate;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.Stores;

/**
 * The status projection: every message's status, kept monotonic, with its timeline.
 *
 * <pre>
 * send-commands ──(acceptance = queued fact, re-keyed by messageId)──────────────────┐
 * message-events ─┬─ sent: wamid -> messageId ──repartition by wamid──► wamid indexer ─(released)┤
 *                 │  status-updates (key wamid) ──► status resolver (callback data | wamid-index | hold) ─┤
 *                 │                                                                                   ▼
 *                 │                                    facts-by-message repartition ──┐
 *                 └─(queued/attempt/sent/failed/expired facts, key messageId already)─┴► status applier
 *                                                      [message-store, outbound-index] ──► message-status
 * </pre>
 *
 * <p>The wamid indexer and the status resolver share the {@code wamid-index} and {@code held-statuses} stores, so
 * their inputs are co-partitioned: the send results are repartitioned by wamid into as many partitions as
 * status-updates has, with the default partitioner that WhatsApp-status producers use. The other facts go through
 * one repartition topic keyed by message id, so the applier sees all facts of a message in one task; facts travel
 * there in the projector's own encoding ({@link FactSerde}), which costs a fraction of Avro's. The dispatcher's
 * {@code message-events} are keyed by message id already: when that topic has as many partitions as the repartition
 * topic (the catalogue's default), its facts reach the applier straight from it, which saves the dispatcher's
 * {@code sent} one exactly-once commit cycle before it is visible; with any other partition count they are
 * repartitioned like the rest.
 */
public final class StatusTopology {

    /** Message id -> projected {@link MessageStatus}; queried over HTTP. */
    public static final String MESSAGE_STORE = "message-store";
    /** Wamid -> message id, from the dispatcher's send results and WhatsApp's callback data. */
    public static final String WAMID_INDEX_STORE = "wamid-index";
    /**
     * The outbound index ({@link OutboundKeys}): each account's messages newest first, by account, recipient and
     * reference; beside the message store in the applier's task, so a partition's index and statuses agree.
     */
    public static final String OUTBOUND_INDEX_STORE = "outbound-index";
    /** WhatsApp statuses whose wamid is not indexed yet. */
    public static final String HELD_STATUSES_STORE = "held-statuses";
    /** How long a status waits for its send result before it is purged. */
    public static final Duration DEFAULT_HELD_RETENTION = Duration.ofDays(7);
    /** The repartition of every fact by message id (Streams names its topic {@link #repartitionTopic}). */
    public static final String FACTS_BY_MESSAGE = "facts-by-message";
    /** The repartition of the dispatcher's send results by wamid. */
    public static final String SENT_BY_WAMID = "sent-by-wamid";
    /** Partitions of the {@code facts-by-message} repartition topic: as many as {@code message-status}. */
    public static final int FACT_PARTITIONS = Topics.MESSAGE_STATUS.partitions();

    private StatusTopology() {
    }

    /** The topic Streams creates for the repartition {@code name} of application {@code applicationId}. */
    public static String repartitionTopic(String applicationId, String name) {
        return applicationId + "-" + name + "-repartition";
    }

    public static void build(StreamsBuilder builder, ProjectorSerdes serdes) {
        build(builder, serdes, DEFAULT_HELD_RETENTION);
    }

    public static void build(StreamsBuilder builder, ProjectorSerdes serdes, Duration heldRetention) {
        build(builder, serdes, heldRetention, Stores::persistentKeyValueStore);
    }

    /**
     * @param stores how each named store is kept: RocksDB ({@link Stores#persistentKeyValueStore}) in the service;
     *               tests that replay thousands of records may keep them in memory, which flushes nothing per commit
     */
    public static void build(StreamsBuilder builder, ProjectorSerdes serdes, Duration heldRetention,
                             Function<String, KeyValueBytesStoreSupplier> stores) {
        build(builder, serdes, heldRetention, stores, RecentStatuses.none());
    }

    /**
     * @param recent the queries' view of the statuses the applier wrote last (see {@link RecentStatuses})
     */
    public static void build(StreamsBuilder builder, ProjectorSerdes serdes, Duration heldRetention,
                             Function<String, KeyValueBytesStoreSupplier> stores, RecentStatuses recent) {
        build(builder, serdes, heldRetention, stores, recent, true);
    }

    /**
     * @param eventsCoPartitioned whether {@code message-events} (key messageId) has as many partitions as the
     *                            {@code facts-by-message} repartition topic ({@link #FACT_PARTITIONS}): then the
     *                            dispatcher's facts go to the applier straight from their topic, without the
     *                            repartition round trip (one produce, one read and one exactly-once commit cycle
     *                            less on the way to {@code sent}); otherwise they are repartitioned like every
     *                            other fact
     */
    public static void build(StreamsBuilder builder, ProjectorSerdes serdes, Duration heldRetention,
                             Function<String, KeyValueBytesStoreSupplier> stores, RecentStatuses recent,
                             boolean eventsCoPartitioned) {
        build(builder, serdes, heldRetention, stores, recent, eventsCoPartitioned, StatusChanges.none());
    }

    /** @param changes told of every status a message moves to (the throughput metric) */
    public static void build(StreamsBuilder builder, ProjectorSerdes serdes, Duration heldRetention,
                             Function<String, KeyValueBytesStoreSupplier> stores, RecentStatuses recent,
                             boolean eventsCoPartitioned, StatusChanges changes) {
        Serde<String> keys = Serdes.String();
        builder.addStateStore(Stores.keyValueStoreBuilder(stores.apply(MESSAGE_STORE), keys, serdes.messageStatus()));
        builder.addStateStore(Stores.keyValueStoreBuilder(stores.apply(OUTBOUND_INDEX_STORE), Serdes.Bytes(),
                Serdes.ByteArray()));
        builder.addStateStore(Stores.keyValueStoreBuilder(stores.apply(WAMID_INDEX_STORE), keys, Serdes.String()));
        builder.addStateStore(Stores.keyValueStoreBuilder(stores.apply(HELD_STATUSES_STORE), keys,
                serdes.statusUpdate()));

        KStream<String, StatusFact> accepted = builder
                .stream(Topics.SEND_COMMANDS.name(), Consumed.with(keys, serdes.sendCommand())
                        .withName("send-commands-source"))
                .filter((key, command) -> command != null, Named.as("drop-empty-commands"))
                .map((key, command) -> {
                    StatusFact fact = FactMapper.fromSendCommand(command);
                    return KeyValue.pair(fact.messageId(), fact);
                }, Named.as("acceptance-facts"));

        KStream<String, MessageEvent> events = builder.stream(Topics.MESSAGE_EVENTS.name(),
                Consumed.with(keys, serdes.messageEvent()).withName("message-events-source"));
        KStream<String, StatusFact> dispatched = events.flatMap((key, event) -> FactMapper.fromMessageEvent(event)
                .map(fact -> List.of(KeyValue.pair(fact.messageId(), fact)))
                .orElse(List.of()), Named.as("dispatcher-facts"));

        KStream<String, StatusFact> released = events
                .filter((key, event) -> event != null && event.getType() == MessageEventType.SENT
                        && event.getWamid() != null, Named.as("send-results"))
                .map((key, event) -> KeyValue.pair(event.getWamid(), event.getMessageId()), Named.as("by-wamid"))
                .repartition(Repartitioned.<String, String>with(keys, Serdes.String())
                        .withName(SENT_BY_WAMID)
                        .withNumberOfPartitions(Topics.STATUS_UPDATES.partitions()))
                .process(WamidIndexProcessor::new, Named.as("wamid-indexer"), WAMID_INDEX_STORE, HELD_STATUSES_STORE);

        KStream<String, StatusUpdate> statuses = builder.stream(Topics.STATUS_UPDATES.name(),
                Consumed.with(keys, serdes.statusUpdate()).withName("status-updates-source"));
        KStream<String, StatusFact> resolved = statuses.process(() -> new StatusResolveProcessor(heldRetention),
                Named.as("status-resolver"), WAMID_INDEX_STORE, HELD_STATUSES_STORE);

        KStream<String, StatusFact> keyedElsewhere = accepted.merge(released, Named.as("merge-released"))
                .merge(resolved, Named.as("merge-resolved"));
        if (!eventsCoPartitioned) {
            keyedElsewhere = keyedElsewhere.merge(dispatched, Named.as("merge-dispatcher"));
        }
        KStream<String, StatusFact> facts = keyedElsewhere
                .repartition(Repartitioned.<String, StatusFact>with(keys, serdes.fact())
                        .withName(FACTS_BY_MESSAGE)
                        .withNumberOfPartitions(FACT_PARTITIONS));
        if (eventsCoPartitioned) {
            facts = facts.merge(dispatched, Named.as("merge-dispatcher"));
        }
        facts.process(() -> new ApplyFactProcessor(recent, changes), Named.as("status-applier"), MESSAGE_STORE,
                        OUTBOUND_INDEX_STORE)
                .to(Topics.MESSAGE_STATUS.name(), Produced.with(keys, serdes.messageStatus())
                        .withName("message-status-sink"));
    }
}

package io.switchboard.projector.streams;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.switchboard.projector.ProjectorConfig;
import io.switchboard.projector.topology.ProjectorSerdes;
import io.switchboard.projector.topology.RecentStatuses;
import io.switchboard.projector.topology.StatusTopology;
import io.switchboard.schemas.Topic;
import io.switchboard.schemas.TopicProvisioner;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.MessageState;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns this instance's {@link KafkaStreams}. It starts once the HTTP server is listening, because
 * {@code application.server} must name the port other instances forward queries to; before that, the topics the
 * projector reads and writes are created if missing (Streams refuses to start on missing source topics) and the
 * output schema is registered. A stream thread that dies of an unexpected exception is replaced; the health
 * endpoint reports the Streams state.
 */
@Singleton
public class ProjectorStreams implements ApplicationEventListener<ServerStartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(ProjectorStreams.class);
    static final List<Topic<?>> TOPICS = List.of(Topics.SEND_COMMANDS, Topics.MESSAGE_EVENTS,
            Topics.STATUS_UPDATES, Topics.MESSAGE_STATUS);

    private final ProjectorConfig config;
    private final String bootstrapServers;
    private final String registryUrl;
    private final short replicationFactor;
    private final MeterRegistry meterRegistry;
    private final RecentStatuses recentStatuses;
    private volatile KafkaStreams streams;
    private volatile KafkaStreamsMetrics metrics;
    private volatile InputLag lag;
    private final Map<MessageState, Counter> changes = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile HostInfo self;
    private final AtomicLong stateChanges = new AtomicLong();

    public ProjectorStreams(ProjectorConfig config,
                            @Value("${kafka.bootstrap.servers}") String bootstrapServers,
                            @Value("${switchboard.schema-registry.url}") String registryUrl,
                            @Value("${switchboard.kafka.replication-factor:1}") short replicationFactor,
                            MeterRegistry meterRegistry) {
        this.config = config;
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
        this.replicationFactor = replicationFactor;
        this.meterRegistry = meterRegistry;
        this.recentStatuses = new RecentStatuses(config.getRecentStatusesPerPartition(),
                config.getAskedStatusesPerPartition());
    }

    @Override
    public synchronized void onApplicationEvent(ServerStartupEvent event) {
        if (streams != null) {
            return;
        }
        EmbeddedServer server = event.getSource();
        self = new HostInfo(Optional.ofNullable(config.getAdvertisedHost()).orElse(server.getHost()),
                Optional.ofNullable(config.getAdvertisedPort()).orElse(server.getPort()));
        boolean eventsCoPartitioned;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            TopicProvisioner.ensureTopics(admin, TOPICS, replicationFactor);
            eventsCoPartitioned = TopicProvisioner.partitions(admin, Topics.MESSAGE_EVENTS.name())
                    == StatusTopology.FACT_PARTITIONS;
        }
        if (!eventsCoPartitioned) {
            LOG.warn("{} has not {} partitions like the projector's facts-by-message topic: the dispatcher's events are "
                    + "repartitioned before they are applied (one commit cycle more per status)",
                    Topics.MESSAGE_EVENTS.name(), StatusTopology.FACT_PARTITIONS);
        }
        Topics.MESSAGE_STATUS.registerValueSchema(registryUrl);

        StreamsBuilder builder = new StreamsBuilder();
        StatusTopology.build(builder, ProjectorSerdes.forRegistry(registryUrl), config.getHeldRetention(),
                Stores::persistentKeyValueStore, recentStatuses, eventsCoPartitioned, this::countChange);
        KafkaStreams created = new KafkaStreams(builder.build(),
                StreamsSettings.of(config, bootstrapServers, replicationFactor, self));
        created.setUncaughtExceptionHandler(error -> {
            LOG.error("A status-projector stream thread died; replacing it", error);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        created.setStateListener((newState, oldState) -> {
            stateChanges.incrementAndGet();
            LOG.info("Kafka Streams {} -> {} ({} at {})", oldState, newState, config.getApplicationId(), self);
        });
        metrics = new KafkaStreamsMetrics(created);
        metrics.bindTo(meterRegistry);
        String app = config.getApplicationId();
        lag = new InputLag(Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers)), app,
                List.of(Topics.SEND_COMMANDS.name(), Topics.MESSAGE_EVENTS.name(), Topics.STATUS_UPDATES.name(),
                        StatusTopology.repartitionTopic(app, StatusTopology.FACTS_BY_MESSAGE),
                        StatusTopology.repartitionTopic(app, StatusTopology.SENT_BY_WAMID)),
                meterRegistry);
        lag.start(config.getLagInterval());
        streams = created;
        created.start();
    }

    /** {@code projector_status_changes_total{status}}: messages that moved to each status, as the applier wrote it. */
    private void countChange(MessageState status) {
        changes.computeIfAbsent(status, s -> Counter.builder("projector.status.changes")
                .tag("status", s.name().toLowerCase(java.util.Locale.ROOT))
                .description("Messages that moved to this status").register(meterRegistry)).increment();
    }

    /** The running Streams instance, once started. */
    public Optional<KafkaStreams> streams() {
        return Optional.ofNullable(streams);
    }

    /** The statuses this instance's applier wrote last, per owned partition: the status queries' lock-free view. */
    public RecentStatuses recentStatuses() {
        return recentStatuses;
    }

    /**
     * How many times Streams changed state so far. The owners of the stores' partitions change only in a rebalance,
     * which Streams goes through in state REBALANCING: whatever was learnt about owners under one count is current
     * while the count stays the same.
     */
    public long stateChanges() {
        return stateChanges.get();
    }

    /** This instance's {@code application.server} address, once the server has started. */
    public Optional<HostInfo> self() {
        return Optional.ofNullable(self);
    }

    @PreDestroy
    public synchronized void close() {
        KafkaStreams running = streams;
        if (running == null) {
            return;
        }
        running.close(config.getCloseTimeout());
        if (metrics != null) {
            metrics.close();
        }
        if (lag != null) {
            lag.close();
        }
        streams = null;
    }
}

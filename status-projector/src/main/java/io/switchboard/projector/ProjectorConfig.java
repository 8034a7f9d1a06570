package io.switchboard.projector;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.convert.format.MapFormat;
import io.switchboard.projector.topology.RecentStatuses;
import io.switchboard.projector.topology.StatusTopology;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The projector's own settings ({@code switchboard.projector.*}); every key and default is listed in the README.
 * The Kafka bootstrap servers ({@code kafka.bootstrap.servers}), the registry ({@code switchboard.schema-registry.url})
 * and the replication factor ({@code switchboard.kafka.replication-factor}) are the keys every service shares.
 */
@ConfigurationProperties(ProjectorConfig.PREFIX)
public class ProjectorConfig {

    public static final String PREFIX = "switchboard.projector";

    private String applicationId = "status-projector";
    private String stateDir = Path.of(System.getProperty("java.io.tmpdir"), "switchboard", "status-projector")
            .toString();
    private Duration commitInterval = Duration.ofMillis(100);
    private int streamThreads = 1;
    private String advertisedHost;
    private Integer advertisedPort;
    private Duration heldRetention = StatusTopology.DEFAULT_HELD_RETENTION;
    private Duration closeTimeout = Duration.ofSeconds(30);
    private Duration forwardTimeout = Duration.ofSeconds(5);
    private int recentStatusesPerPartition = RecentStatuses.DEFAULT_CAPACITY_PER_PARTITION;
    private int askedStatusesPerPartition = RecentStatuses.DEFAULT_ASKED_PER_PARTITION;
    private int searchScanLimit = 10_000;
    private Duration lagInterval = Duration.ofSeconds(10);
    private Map<String, String> streams = new HashMap<>();

    /** Kafka Streams {@code application.id}: the consumer group and the prefix of internal topics. */
    public String getApplicationId() {
        return applicationId;
    }

    public void setApplicationId(String applicationId) {
        this.applicationId = applicationId;
    }

    /** Kafka Streams {@code state.dir}: where RocksDB keeps the stores of this instance. */
    public String getStateDir() {
        return stateDir;
    }

    public void setStateDir(String stateDir) {
        this.stateDir = stateDir;
    }

    /** How often Streams commits; exactly-once output is visible to read_committed readers only after a commit. */
    public Duration getCommitInterval() {
        return commitInterval;
    }

    public void setCommitInterval(Duration commitInterval) {
        this.commitInterval = commitInterval;
    }

    public int getStreamThreads() {
        return streamThreads;
    }

    public void setStreamThreads(int streamThreads) {
        this.streamThreads = streamThreads;
    }

    /** Host other instances use to reach this one ({@code application.server}); default: the HTTP server's host. */
    public String getAdvertisedHost() {
        return advertisedHost;
    }

    public void setAdvertisedHost(String advertisedHost) {
        this.advertisedHost = advertisedHost;
    }

    /** Port other instances use to reach this one; default: the HTTP server's actual port. */
    public Integer getAdvertisedPort() {
        return advertisedPort;
    }

    public void setAdvertisedPort(Integer advertisedPort) {
        this.advertisedPort = advertisedPort;
    }

    /** How long a WhatsApp status waits for its send result before it is dropped. */
    public Duration getHeldRetention() {
        return heldRetention;
    }

    public void setHeldRetention(Duration heldRetention) {
        this.heldRetention = heldRetention;
    }

    /** How long shutdown waits for Streams to commit and close. */
    public Duration getCloseTimeout() {
        return closeTimeout;
    }

    public void setCloseTimeout(Duration closeTimeout) {
        this.closeTimeout = closeTimeout;
    }

    /** How long a query forwarded to the owning instance may take before the answer is 503. */
    public Duration getForwardTimeout() {
        return forwardTimeout;
    }

    public void setForwardTimeout(Duration forwardTimeout) {
        this.forwardTimeout = forwardTimeout;
    }

    /**
     * How many of the statuses written last each owned partition keeps in memory for status queries (answered without
     * touching the store the stream thread writes); 0 turns the view off.
     */
    public int getRecentStatusesPerPartition() {
        return recentStatusesPerPartition;
    }

    public void setRecentStatusesPerPartition(int recentStatusesPerPartition) {
        this.recentStatusesPerPartition = recentStatusesPerPartition;
    }

    /**
     * How many statuses that queries read from the store each owned partition keeps in memory for the next queries
     * of the same messages (kept current by the applier); 0 turns it off.
     */
    public int getAskedStatusesPerPartition() {
        return askedStatusesPerPartition;
    }

    public void setAskedStatusesPerPartition(int askedStatusesPerPartition) {
        this.askedStatusesPerPartition = askedStatusesPerPartition;
    }

    /**
     * How many outbound-index entries one search reads per partition for one page before it answers what it found so
     * far with a cursor (bounds the work of a search whose filters match few messages).
     */
    public int getSearchScanLimit() {
        return searchScanLimit;
    }

    public void setSearchScanLimit(int searchScanLimit) {
        this.searchScanLimit = Math.max(1, searchScanLimit);
    }

    /** How often the consumer lag of the projector's input topics is measured for its metrics. */
    public Duration getLagInterval() {
        return lagInterval;
    }

    public void setLagInterval(Duration lagInterval) {
        this.lagInterval = lagInterval;
    }

    /** Any further Kafka Streams / client properties, passed through as they are (they win over the defaults). */
    public Map<String, String> getStreams() {
        return streams;
    }

    public void setStreams(@MapFormat(transformation = MapFormat.MapTransformation.FLAT) Map<String, String> streams) {
        this.streams = streams;
    }
}

package io.switchboard.dispatcher;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * Tuning of the delivery pipeline: consumer group, concurrency, retries and shutdown. Every default here is the one
 * documented in the module README.
 */
@ConfigurationProperties(DispatcherProperties.PREFIX)
public class DispatcherProperties {

    public static final String PREFIX = "switchboard.dispatcher";

    private boolean enabled = true;
    private String groupId = "dispatcher";
    /**
     * Records taken and unfinished, each on a call (250 ms at Meta's median), waiting for its slot (up to the pacing
     * horizon, 200 ms) or queued behind its key: 3,000 messages a second need about 3,000 x 0.5 s = 1,500.
     */
    private int maxInFlight = 2048;
    /** 0: no cap, a retryable failure is retried until the message's validity ends. */
    private int maxAttempts = 0;
    private int limitedMaxAttempts = 3;
    private int ambiguousRetries = 0;
    private Duration backoffBase = Duration.ofMillis(200);
    private Duration backoffMax = Duration.ofMinutes(5);
    /** How long a command without {@code expiresAt} (one produced straight to Kafka) stays valid after acceptance. */
    private Duration defaultValidity = Duration.ofHours(24);
    /** Bound on every health check's wait for a dependency. */
    private Duration healthTimeout = Duration.ofMillis(800);
    private Duration throttleBackoffBase = Duration.ofSeconds(2);
    private Duration commitInterval = Duration.ofMillis(500);
    private Duration revokeTimeout = Duration.ofSeconds(10);
    private Duration shutdownTimeout = Duration.ofSeconds(20);
    private int workerThreads = 4;
    private String adminToken;
    private Duration sentMarkerTtl = Duration.ofDays(7);

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getGroupId() {
        return groupId;
    }

    public void setGroupId(String groupId) {
        this.groupId = groupId;
    }

    public int getMaxInFlight() {
        return maxInFlight;
    }

    public void setMaxInFlight(int maxInFlight) {
        this.maxInFlight = maxInFlight;
    }

    public int getMaxAttempts() {
        return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    public int getLimitedMaxAttempts() {
        return limitedMaxAttempts;
    }

    public void setLimitedMaxAttempts(int limitedMaxAttempts) {
        this.limitedMaxAttempts = limitedMaxAttempts;
    }

    public int getAmbiguousRetries() {
        return ambiguousRetries;
    }

    public void setAmbiguousRetries(int ambiguousRetries) {
        this.ambiguousRetries = ambiguousRetries;
    }

    public Duration getBackoffBase() {
        return backoffBase;
    }

    public void setBackoffBase(Duration backoffBase) {
        this.backoffBase = backoffBase;
    }

    public Duration getBackoffMax() {
        return backoffMax;
    }

    public void setBackoffMax(Duration backoffMax) {
        this.backoffMax = backoffMax;
    }

    public Duration getDefaultValidity() {
        return defaultValidity;
    }

    public void setDefaultValidity(Duration defaultValidity) {
        this.defaultValidity = defaultValidity;
    }

    public Duration getHealthTimeout() {
        return healthTimeout;
    }

    public void setHealthTimeout(Duration healthTimeout) {
        this.healthTimeout = healthTimeout;
    }

    public Duration getThrottleBackoffBase() {
        return throttleBackoffBase;
    }

    public void setThrottleBackoffBase(Duration throttleBackoffBase) {
        this.throttleBackoffBase = throttleBackoffBase;
    }

    public Duration getCommitInterval() {
        return commitInterval;
    }

    public void setCommitInterval(Duration commitInterval) {
        this.commitInterval = commitInterval;
    }

    public Duration getRevokeTimeout() {
        return revokeTimeout;
    }

    public void setRevokeTimeout(Duration revokeTimeout) {
        this.revokeTimeout = revokeTimeout;
    }

    public Duration getShutdownTimeout() {
        return shutdownTimeout;
    }

    public void setShutdownTimeout(Duration shutdownTimeout) {
        this.shutdownTimeout = shutdownTimeout;
    }

    public int getWorkerThreads() {
        return workerThreads;
    }

    public void setWorkerThreads(int workerThreads) {
        this.workerThreads = workerThreads;
    }

    public String getAdminToken() {
        return adminToken;
    }

    public void setAdminToken(String adminToken) {
        this.adminToken = adminToken;
    }

    public Duration getSentMarkerTtl() {
        return sentMarkerTtl;
    }

    public void setSentMarkerTtl(Duration sentMarkerTtl) {
        this.sentMarkerTtl = sentMarkerTtl;
    }
}

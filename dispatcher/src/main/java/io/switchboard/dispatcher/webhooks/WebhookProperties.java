package io.switchboard.dispatcher.webhooks;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.util.List;

/**
 * {@code switchboard.webhooks.*}: customer-webhook delivery. It runs only when a master key is set (it must decrypt
 * the endpoints' signing secrets); every default here is the one documented in the module README. The master key
 * never reaches a log line, not even through {@link #toString()}.
 */
@ConfigurationProperties(WebhookProperties.PREFIX)
public class WebhookProperties {

    public static final String PREFIX = "switchboard.webhooks";

    private String masterKey;
    private String groupId = "customer-webhooks";
    private String fanoutGroupId = "customer-webhooks-fanout";
    private String autoOffsetReset = "latest";
    private List<Duration> retrySchedule = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5),
            Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10),
            Duration.ofHours(10));
    private Duration disableAfter = Duration.ofHours(24);
    private Duration requestTimeout = Duration.ofSeconds(10);
    private Duration connectTimeout = Duration.ofSeconds(5);
    private int maxConcurrencyPerEndpoint = 4;
    private int maxQueuedPerEndpoint = 100;
    private int maxPending = 50_000;
    private Duration healthPublishInterval = Duration.ofSeconds(1);
    private Duration logLookback = Duration.ofDays(7);
    private String projectorUrl;
    private Duration projectorTimeout = Duration.ofSeconds(2);
    private Duration metricsInterval = Duration.ofSeconds(5);
    private int metricsMaxEndpoints = 50;

    @Nullable
    public String getMasterKey() {
        return masterKey;
    }

    public void setMasterKey(@Nullable String masterKey) {
        this.masterKey = masterKey;
    }

    public String getGroupId() {
        return groupId;
    }

    public void setGroupId(String groupId) {
        this.groupId = groupId;
    }

    public String getFanoutGroupId() {
        return fanoutGroupId;
    }

    public void setFanoutGroupId(String fanoutGroupId) {
        this.fanoutGroupId = fanoutGroupId;
    }

    public String getAutoOffsetReset() {
        return autoOffsetReset;
    }

    public void setAutoOffsetReset(String autoOffsetReset) {
        this.autoOffsetReset = autoOffsetReset;
    }

    public List<Duration> getRetrySchedule() {
        return retrySchedule;
    }

    public void setRetrySchedule(List<Duration> retrySchedule) {
        this.retrySchedule = List.copyOf(retrySchedule);
    }

    public Duration getDisableAfter() {
        return disableAfter;
    }

    public void setDisableAfter(Duration disableAfter) {
        this.disableAfter = disableAfter;
    }

    public Duration getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public int getMaxConcurrencyPerEndpoint() {
        return maxConcurrencyPerEndpoint;
    }

    public void setMaxConcurrencyPerEndpoint(int maxConcurrencyPerEndpoint) {
        this.maxConcurrencyPerEndpoint = Math.max(1, maxConcurrencyPerEndpoint);
    }

    public int getMaxQueuedPerEndpoint() {
        return maxQueuedPerEndpoint;
    }

    public void setMaxQueuedPerEndpoint(int maxQueuedPerEndpoint) {
        this.maxQueuedPerEndpoint = Math.max(0, maxQueuedPerEndpoint);
    }

    public int getMaxPending() {
        return maxPending;
    }

    public void setMaxPending(int maxPending) {
        this.maxPending = Math.max(2, maxPending);
    }

    public Duration getHealthPublishInterval() {
        return healthPublishInterval;
    }

    public void setHealthPublishInterval(Duration healthPublishInterval) {
        this.healthPublishInterval = healthPublishInterval;
    }

    public Duration getLogLookback() {
        return logLookback;
    }

    public void setLogLookback(Duration logLookback) {
        this.logLookback = logLookback;
    }

    @Nullable
    public String getProjectorUrl() {
        return projectorUrl;
    }

    public void setProjectorUrl(@Nullable String projectorUrl) {
        this.projectorUrl = projectorUrl;
    }

    public Duration getProjectorTimeout() {
        return projectorTimeout;
    }

    public void setProjectorTimeout(Duration projectorTimeout) {
        this.projectorTimeout = projectorTimeout;
    }

    /** How often the backlog per endpoint is published to the metrics. */
    public Duration getMetricsInterval() {
        return metricsInterval;
    }

    public void setMetricsInterval(Duration metricsInterval) {
        this.metricsInterval = metricsInterval;
    }

    /** How many endpoints the backlog metric names; the others are summed as one row. */
    public int getMetricsMaxEndpoints() {
        return metricsMaxEndpoints;
    }

    public void setMetricsMaxEndpoints(int metricsMaxEndpoints) {
        this.metricsMaxEndpoints = Math.max(0, metricsMaxEndpoints);
    }

    @Override
    public String toString() {
        return "WebhookProperties{groupId=" + groupId + ", retrySchedule=" + retrySchedule + ", disableAfter="
                + disableAfter + ", masterKey=" + (masterKey == null ? "<none>" : "<redacted>") + "}";
    }
}

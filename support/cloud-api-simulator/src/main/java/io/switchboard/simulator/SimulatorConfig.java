package io.switchboard.simulator;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;

/**
 * Settings of the simulated Cloud API, under {@value #PREFIX}. Every default lets a local run work with no
 * configuration at all except {@code webhook-url}: without it the simulator answers sends but posts no webhooks,
 * because it cannot guess where webhook-ingest listens.
 */
@ConfigurationProperties(SimulatorConfig.PREFIX)
public class SimulatorConfig {

    public static final String PREFIX = "simulator";

    private String accessToken = "local-dev-token";
    private String appSecret = "local-app-secret";
    @Nullable
    private String webhookUrl;
    private String wabaId = "100000000000001";
    private String displayPhoneNumber = "15550001111";
    private Duration responseLatency = Duration.ZERO;
    private Duration statusDelay = Duration.ofMillis(200);
    private boolean read = true;
    private int webhookMaxAttempts = 5;
    private Duration webhookRetryDelay = Duration.ofSeconds(1);
    private Duration webhookTimeout = Duration.ofSeconds(5);
    private int webhookMaxConcurrency = 64;
    private int statusBatchSize = 1;
    private Duration statusBatchWait = Duration.ofMillis(50);
    private int historySize = 1000;
    private String defaultPhoneNumberId = "106540352242922";

    public String getAccessToken() {
        return accessToken;
    }

    public void setAccessToken(String accessToken) {
        this.accessToken = accessToken;
    }

    public String getAppSecret() {
        return appSecret;
    }

    public void setAppSecret(String appSecret) {
        this.appSecret = appSecret;
    }

    @Nullable
    public String getWebhookUrl() {
        return webhookUrl;
    }

    public void setWebhookUrl(@Nullable String webhookUrl) {
        this.webhookUrl = webhookUrl;
    }

    public String getWabaId() {
        return wabaId;
    }

    public void setWabaId(String wabaId) {
        this.wabaId = wabaId;
    }

    public String getDisplayPhoneNumber() {
        return displayPhoneNumber;
    }

    public void setDisplayPhoneNumber(String displayPhoneNumber) {
        this.displayPhoneNumber = displayPhoneNumber;
    }

    public Duration getResponseLatency() {
        return responseLatency;
    }

    public void setResponseLatency(Duration responseLatency) {
        this.responseLatency = responseLatency;
    }

    public Duration getStatusDelay() {
        return statusDelay;
    }

    public void setStatusDelay(Duration statusDelay) {
        this.statusDelay = statusDelay;
    }

    public boolean isRead() {
        return read;
    }

    public void setRead(boolean read) {
        this.read = read;
    }

    public int getWebhookMaxAttempts() {
        return webhookMaxAttempts;
    }

    public void setWebhookMaxAttempts(int webhookMaxAttempts) {
        this.webhookMaxAttempts = webhookMaxAttempts;
    }

    public Duration getWebhookRetryDelay() {
        return webhookRetryDelay;
    }

    public void setWebhookRetryDelay(Duration webhookRetryDelay) {
        this.webhookRetryDelay = webhookRetryDelay;
    }

    /** Webhook POSTs in flight at once; more wait their turn (Meta, too, bounds its deliveries to one endpoint). */
    public int getWebhookMaxConcurrency() {
        return webhookMaxConcurrency;
    }

    public void setWebhookMaxConcurrency(int webhookMaxConcurrency) {
        this.webhookMaxConcurrency = webhookMaxConcurrency;
    }

    public Duration getWebhookTimeout() {
        return webhookTimeout;
    }

    public void setWebhookTimeout(Duration webhookTimeout) {
        this.webhookTimeout = webhookTimeout;
    }

    /** Statuses of one business number posted together at most; 1 (default) posts each status alone. */
    public int getStatusBatchSize() {
        return statusBatchSize;
    }

    public void setStatusBatchSize(int statusBatchSize) {
        this.statusBatchSize = statusBatchSize;
    }

    /** How long the first status of a batch waits for more before the batch is posted anyway. */
    public Duration getStatusBatchWait() {
        return statusBatchWait;
    }

    public void setStatusBatchWait(Duration statusBatchWait) {
        this.statusBatchWait = statusBatchWait;
    }

    public int getHistorySize() {
        return historySize;
    }

    public void setHistorySize(int historySize) {
        this.historySize = historySize;
    }

    /** The business number an inbound message is addressed to when {@code /_sim/inbound} names none. */
    public String getDefaultPhoneNumberId() {
        return defaultPhoneNumberId;
    }

    public void setDefaultPhoneNumberId(String defaultPhoneNumberId) {
        this.defaultPhoneNumberId = defaultPhoneNumberId;
    }
}

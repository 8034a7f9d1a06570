package io.switchboard.ingress;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * One account and one all-permission API key for local runs ({@code switchboard.ingress.bootstrap.*}). Nothing is
 * published unless {@code api-key} is set. Full key management replaces this in a later issue.
 */
@ConfigurationProperties(BootstrapConfiguration.PREFIX)
public class BootstrapConfiguration {

    public static final String PREFIX = "switchboard.ingress.bootstrap";

    private String apiKey;
    private String accountId = "demo";
    private String accountName = "Demo account";
    private String wabaId = "100000000000001";
    private String phoneNumberId = "100000000000002";
    private int rateLimitPerMinute = 60;
    private int dailyLimit = 5000;

    /** True when an API key is configured, i.e. the bootstrap records should exist. */
    public boolean isEnabled() {
        return apiKey != null && !apiKey.isBlank();
    }

    @Nullable
    public String getApiKey() {
        return apiKey;
    }

    public void setApiKey(@Nullable String apiKey) {
        this.apiKey = apiKey;
    }

    public String getAccountId() {
        return accountId;
    }

    public void setAccountId(String accountId) {
        this.accountId = accountId;
    }

    public String getAccountName() {
        return accountName;
    }

    public void setAccountName(String accountName) {
        this.accountName = accountName;
    }

    public String getWabaId() {
        return wabaId;
    }

    public void setWabaId(String wabaId) {
        this.wabaId = wabaId;
    }

    public String getPhoneNumberId() {
        return phoneNumberId;
    }

    public void setPhoneNumberId(String phoneNumberId) {
        this.phoneNumberId = phoneNumberId;
    }

    public int getRateLimitPerMinute() {
        return rateLimitPerMinute;
    }

    public void setRateLimitPerMinute(int rateLimitPerMinute) {
        this.rateLimitPerMinute = rateLimitPerMinute;
    }

    public int getDailyLimit() {
        return dailyLimit;
    }

    public void setDailyLimit(int dailyLimit) {
        this.dailyLimit = dailyLimit;
    }

    @Override
    public String toString() {
        // The key itself must never reach a log line.
        return "BootstrapConfiguration{apiKey=" + io.switchboard.schemas.Redaction.apiKey(apiKey) + ", accountId="
                + accountId + ", phoneNumberId=" + phoneNumberId + ", rateLimitPerMinute=" + rateLimitPerMinute
                + ", dailyLimit=" + dailyLimit + "}";
    }
}

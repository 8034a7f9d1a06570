package io.switchboard.dispatcher;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * Bounds of the per-number, per-account and per-error-code metrics ({@code switchboard.dispatcher.metrics.*}): the
 * first so many distinct values get their own series, later ones are counted under {@code other}.
 */
@ConfigurationProperties(MetricsProperties.PREFIX)
public class MetricsProperties {

    public static final String PREFIX = DispatcherProperties.PREFIX + ".metrics";

    private int maxNumbers = 200;
    private int maxAccounts = 200;
    private int maxErrorCodes = 50;

    public int getMaxNumbers() {
        return maxNumbers;
    }

    public void setMaxNumbers(int maxNumbers) {
        this.maxNumbers = maxNumbers;
    }

    public int getMaxAccounts() {
        return maxAccounts;
    }

    public void setMaxAccounts(int maxAccounts) {
        this.maxAccounts = maxAccounts;
    }

    public int getMaxErrorCodes() {
        return maxErrorCodes;
    }

    public void setMaxErrorCodes(int maxErrorCodes) {
        this.maxErrorCodes = maxErrorCodes;
    }
}

package io.switchboard.dispatcher;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * The validation step before any send ({@link CommandGate}). Every default here is the one documented in the module
 * README; both checks are on in production.
 */
@ConfigurationProperties(ValidationProperties.PREFIX)
public class ValidationProperties {

    public static final String PREFIX = "switchboard.dispatcher.validation";

    private boolean requireAccount = true;
    private boolean uniqueMessageIds = true;

    /** Whether accountId must be a connected account (accounts topic) whose sending number is phoneNumberId. */
    public boolean isRequireAccount() {
        return requireAccount;
    }

    public void setRequireAccount(boolean requireAccount) {
        this.requireAccount = requireAccount;
    }

    /** Whether a second, different command with a message id already used is rejected (Redis claim per id). */
    public boolean isUniqueMessageIds() {
        return uniqueMessageIds;
    }

    public void setUniqueMessageIds(boolean uniqueMessageIds) {
        this.uniqueMessageIds = uniqueMessageIds;
    }
}

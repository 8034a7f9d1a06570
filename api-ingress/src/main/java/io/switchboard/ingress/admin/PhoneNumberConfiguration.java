package io.switchboard.ingress.admin;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.switchboard.ingress.IngressConfiguration;
import java.time.Duration;

/**
 * Number ownership ({@code switchboard.ingress.phone-numbers.*}): how long a claim stays pending in Redis before its
 * record reaches the phone-numbers topic (a claim whose instance died in between frees the number after it), how
 * often every instance reconciles the table with Redis and the accounts, and after how long a number claimed for an
 * account that never appeared is released.
 */
@ConfigurationProperties(PhoneNumberConfiguration.PREFIX)
public class PhoneNumberConfiguration {

    public static final String PREFIX = IngressConfiguration.PREFIX + ".phone-numbers";

    private Duration claimTtl = Duration.ofSeconds(30);
    private Duration reconcileInterval = Duration.ofMinutes(1);
    private Duration abandonedAfter = Duration.ofMinutes(10);

    public Duration getClaimTtl() {
        return claimTtl;
    }

    public void setClaimTtl(Duration claimTtl) {
        this.claimTtl = claimTtl;
    }

    public Duration getReconcileInterval() {
        return reconcileInterval;
    }

    public void setReconcileInterval(Duration reconcileInterval) {
        this.reconcileInterval = reconcileInterval;
    }

    public Duration getAbandonedAfter() {
        return abandonedAfter;
    }

    public void setAbandonedAfter(Duration abandonedAfter) {
        this.abandonedAfter = abandonedAfter;
    }
}

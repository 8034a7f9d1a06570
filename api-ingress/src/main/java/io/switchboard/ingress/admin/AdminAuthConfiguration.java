package io.switchboard.ingress.admin;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.switchboard.ingress.IngressConfiguration;
import java.time.Duration;

/**
 * How the admin API slows down a caller that keeps failing to authenticate ({@code switchboard.ingress.admin-auth.*}):
 * after {@code max-failures} failed attempts from one remote address within {@code window}, every admin request
 * from that address is answered 429 until the window ends.
 */
@ConfigurationProperties(AdminAuthConfiguration.PREFIX)
public class AdminAuthConfiguration {

    public static final String PREFIX = IngressConfiguration.PREFIX + ".admin-auth";

    private int maxFailures = 10;
    private Duration window = Duration.ofMinutes(1);

    public int getMaxFailures() {
        return maxFailures;
    }

    public void setMaxFailures(int maxFailures) {
        this.maxFailures = maxFailures;
    }

    public Duration getWindow() {
        return window;
    }

    public void setWindow(Duration window) {
        this.window = window;
    }
}

package io.switchboard.dispatcher;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * How the admin API slows down a caller that keeps failing to authenticate ({@code switchboard.dispatcher.admin-auth.*}):
 * after {@code max-failures} failures from one remote address within {@code window}, that address is answered 429
 * until the window ends. At most {@code max-tracked} addresses are remembered.
 */
@ConfigurationProperties(AdminAuthProperties.PREFIX)
public class AdminAuthProperties {

    public static final String PREFIX = DispatcherProperties.PREFIX + ".admin-auth";

    private int maxFailures = 10;
    private Duration window = Duration.ofMinutes(1);
    private int maxTracked = 10_000;

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

    public int getMaxTracked() {
        return maxTracked;
    }

    public void setMaxTracked(int maxTracked) {
        this.maxTracked = maxTracked;
    }
}

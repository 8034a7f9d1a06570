package io.switchboard.simulator;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/**
 * Settings of the 24-hour customer-service window, under {@value #PREFIX}. {@code sync} (the default) refuses a
 * free-form send outside the window in the HTTP answer, {@code webhook} accepts it and reports a {@code failed}
 * status with the error instead (Meta does either; which one is unconfirmed), {@code off} lets every send through.
 */
@ConfigurationProperties(WindowConfig.PREFIX)
public class WindowConfig {

    public static final String PREFIX = "simulator.window";

    /** How a send outside the window is refused. */
    public enum Mode { SYNC, WEBHOOK, OFF }

    private Mode mode = Mode.SYNC;
    private Duration length = Duration.ofHours(24);

    public Mode getMode() {
        return mode;
    }

    public void setMode(Mode mode) {
        this.mode = mode;
    }

    public Duration getLength() {
        return length;
    }

    public void setLength(Duration length) {
        this.length = length;
    }
}

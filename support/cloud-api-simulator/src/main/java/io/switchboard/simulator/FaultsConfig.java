package io.switchboard.simulator;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The fault plan in force at start-up, under {@value #PREFIX}: the two rate limits as plain keys (so environment
 * variables can set them), and {@code plan}, a JSON document of the {@code /_sim/faults} shape merged over them for
 * everything else (errors, latency, timeouts, webhook faults). {@code DELETE /_sim/faults} comes back to this.
 */
@ConfigurationProperties(FaultsConfig.PREFIX)
public class FaultsConfig {

    public static final String PREFIX = "simulator.faults";

    private boolean throughputEnabled = true;
    private double throughputMps = 80;
    private Map<String, Double> throughputPerNumber = new HashMap<>();
    private int throughputHttpStatus = 400;
    private boolean pairRateEnabled = true;
    private int pairRateBurst = 45;
    private Duration pairRateInterval = Duration.ofSeconds(6);
    private int pairRateHttpStatus = 400;
    @Nullable
    private Long seed;
    @Nullable
    private String plan;

    public boolean isThroughputEnabled() {
        return throughputEnabled;
    }

    public void setThroughputEnabled(boolean throughputEnabled) {
        this.throughputEnabled = throughputEnabled;
    }

    public double getThroughputMps() {
        return throughputMps;
    }

    public void setThroughputMps(double throughputMps) {
        this.throughputMps = throughputMps;
    }

    public Map<String, Double> getThroughputPerNumber() {
        return throughputPerNumber;
    }

    public void setThroughputPerNumber(Map<String, Double> throughputPerNumber) {
        this.throughputPerNumber = throughputPerNumber;
    }

    public int getThroughputHttpStatus() {
        return throughputHttpStatus;
    }

    public void setThroughputHttpStatus(int throughputHttpStatus) {
        this.throughputHttpStatus = throughputHttpStatus;
    }

    public boolean isPairRateEnabled() {
        return pairRateEnabled;
    }

    public void setPairRateEnabled(boolean pairRateEnabled) {
        this.pairRateEnabled = pairRateEnabled;
    }

    public int getPairRateBurst() {
        return pairRateBurst;
    }

    public void setPairRateBurst(int pairRateBurst) {
        this.pairRateBurst = pairRateBurst;
    }

    public Duration getPairRateInterval() {
        return pairRateInterval;
    }

    public void setPairRateInterval(Duration pairRateInterval) {
        this.pairRateInterval = pairRateInterval;
    }

    public int getPairRateHttpStatus() {
        return pairRateHttpStatus;
    }

    public void setPairRateHttpStatus(int pairRateHttpStatus) {
        this.pairRateHttpStatus = pairRateHttpStatus;
    }

    @Nullable
    public Long getSeed() {
        return seed;
    }

    public void setSeed(@Nullable Long seed) {
        this.seed = seed;
    }

    /** A JSON fault plan ({@code /_sim/faults} shape) merged over the keys above; unset: none. */
    @Nullable
    public String getPlan() {
        return plan;
    }

    public void setPlan(@Nullable String plan) {
        this.plan = plan;
    }
}

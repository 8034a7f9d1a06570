package io.switchboard.dispatcher;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Throughput budgets per business number ({@code switchboard.dispatcher.pacing.*}). A number's budget is
 * {@code rates.<phoneNumberId>} or {@code default-rate} (WhatsApp's standard 80 messages a second), capped at 1,000,
 * WhatsApp's highest tier; sends are paced at the budget less {@code headroom} (5%). After a 130429 the number's rate is multiplied by {@code decrease-factor} (not below
 * {@code min-rate}) and climbs back by {@code recovery-per-second} each second.
 *
 * <p>The rule kept: no one-second window holds more than the budget plus 5% of a number's sends. Slots are
 * {@code 1/paced-rate} apart; a send that goes out up to {@code L} after its slot lets a window collect the slots of
 * {@code 1 s + L}, so the rule holds while {@code L <= floor(1.05 * budget) * interval - 1 s}
 * ({@link #lateAllowanceNanos}): about 105 ms for budgets of 20 and more at the default 5% headroom, 52 ms below.
 * A send may be late by {@code late-tolerance} (20 ms), and up to {@code late-limit} (off by default, at most the
 * allowance) when this instance's sends of the number in the last second leave room for it ({@link SendWindows});
 * the rest of the 5% is left for the jitter between our send and WhatsApp's count, which CPU starvation makes large.
 */
@ConfigurationProperties(PacingProperties.PREFIX)
public class PacingProperties {

    public static final String PREFIX = "switchboard.dispatcher.pacing";
    static final int MAX_RATE = 1_000;
    /** The issue-4 rule: a number's sends in any second stay within its budget plus 5%. */
    static final double BUDGET_LIMIT = 1.05;
    /** The least lateness accepted: no timer keeps a slot more exactly than this. */
    static final long MIN_TOLERANCE_NANOS = 1_000_000;

    private int defaultRate = 80;
    private double headroom = 0.05;
    private Map<String, Integer> rates = new HashMap<>();
    private double decreaseFactor = 0.5;
    private double minRate = 1;
    private double recoveryPerSecond = 2;
    private Duration decreaseQuietPeriod = Duration.ofSeconds(1);
    private Duration maxReservation = Duration.ofMillis(200);
    private int batch = 50;
    /**
     * Far below {@link #lateAllowanceNanos} on purpose: the rest is what the way to WhatsApp adds (HTTP client,
     * network, their intake), and under CPU starvation that was measured at tens of milliseconds.
     */
    private Duration lateTolerance = Duration.ofMillis(20);
    /**
     * Off (the tolerance alone) by default: using late slots up to the allowance kept each instance within its paced
     * rate at its own end, but WhatsApp's end still counted bunches above the 5% rule under CPU starvation.
     */
    private Duration lateLimit = Duration.ZERO;
    private Duration haltRecheckInterval = Duration.ofSeconds(1);
    private Duration redisRetryInterval = Duration.ofSeconds(1);
    private Duration redisTimeout = Duration.ofSeconds(2);
    private Duration pairBackoffMax = Duration.ofMinutes(10);

    /**
     * The rate actually paced: the budget less {@code headroom}, which absorbs the scheduling and network jitter
     * between our send and WhatsApp's count (a request delayed on its way arrives together with the next ones).
     */
    public double pacedRateOf(String phoneNumberId) {
        return Math.max(0.1, budgetOf(phoneNumberId) * (1 - Math.max(0, Math.min(0.5, headroom))));
    }

    /**
     * How long after its slot a send of {@code phoneNumberId} may go out with no one-second window above
     * {@link #BUDGET_LIMIT} times the budget: slots at least {@code interval} apart (the interval of the paced
     * rate, as the acquire script computes it; a lowered rate only widens it), sends in a window come from the slots
     * of {@code 1 s + L}, which hold at most {@code ceil((1 s + L) / interval)} of them.
     */
    public long lateAllowanceNanos(String phoneNumberId) {
        long intervalMicros = (long) Math.ceil(1_000_000 / pacedRateOf(phoneNumberId));
        long limit = (long) Math.floor(budgetOf(phoneNumberId) * BUDGET_LIMIT + 1e-9);
        return Math.max(0, limit * intervalMicros * 1_000 - 1_000_000_000L);
    }

    /** How late a send may be on its slot: {@code late-tolerance}, never above the allowance (nor below 1 ms). */
    public long lateToleranceNanos(String phoneNumberId) {
        return Math.max(MIN_TOLERANCE_NANOS, Math.min(lateTolerance.toNanos(), lateAllowanceNanos(phoneNumberId)));
    }

    /**
     * How late a send of {@code phoneNumberId} may still go out on its slot when this instance's one-second window
     * has room for it ({@link SendWindows}): {@code late-limit}, never above the allowance, never below the tolerance.
     */
    public long lateLimitNanos(String phoneNumberId) {
        return Math.max(lateToleranceNanos(phoneNumberId),
                Math.min(lateLimit.toNanos(), lateAllowanceNanos(phoneNumberId)));
    }

    /** The budget of {@code phoneNumberId}, in messages a second, between 1 and 1,000. */
    public int budgetOf(String phoneNumberId) {
        Integer configured = rates.get(phoneNumberId);
        int rate = configured != null ? configured : defaultRate;
        return Math.max(1, Math.min(MAX_RATE, rate));
    }

    public double getHeadroom() {
        return headroom;
    }

    public void setHeadroom(double headroom) {
        this.headroom = headroom;
    }

    public int getDefaultRate() {
        return defaultRate;
    }

    public void setDefaultRate(int defaultRate) {
        this.defaultRate = defaultRate;
    }

    public Map<String, Integer> getRates() {
        return rates;
    }

    public void setRates(Map<String, Integer> rates) {
        this.rates = new HashMap<>(rates);
    }

    public double getDecreaseFactor() {
        return decreaseFactor;
    }

    public void setDecreaseFactor(double decreaseFactor) {
        this.decreaseFactor = decreaseFactor;
    }

    public double getMinRate() {
        return minRate;
    }

    public void setMinRate(double minRate) {
        this.minRate = minRate;
    }

    public double getRecoveryPerSecond() {
        return recoveryPerSecond;
    }

    public void setRecoveryPerSecond(double recoveryPerSecond) {
        this.recoveryPerSecond = recoveryPerSecond;
    }

    public Duration getDecreaseQuietPeriod() {
        return decreaseQuietPeriod;
    }

    public void setDecreaseQuietPeriod(Duration decreaseQuietPeriod) {
        this.decreaseQuietPeriod = decreaseQuietPeriod;
    }

    public Duration getMaxReservation() {
        return maxReservation;
    }

    public void setMaxReservation(Duration maxReservation) {
        this.maxReservation = maxReservation;
    }

    public Duration getHaltRecheckInterval() {
        return haltRecheckInterval;
    }

    public void setHaltRecheckInterval(Duration haltRecheckInterval) {
        this.haltRecheckInterval = haltRecheckInterval;
    }

    public Duration getLateTolerance() {
        return lateTolerance;
    }

    public void setLateTolerance(Duration lateTolerance) {
        this.lateTolerance = lateTolerance;
    }

    public Duration getLateLimit() {
        return lateLimit;
    }

    public void setLateLimit(Duration lateLimit) {
        this.lateLimit = lateLimit;
    }

    public int getBatch() {
        return batch;
    }

    public void setBatch(int batch) {
        this.batch = batch;
    }

    public Duration getRedisRetryInterval() {
        return redisRetryInterval;
    }

    public void setRedisRetryInterval(Duration redisRetryInterval) {
        this.redisRetryInterval = redisRetryInterval;
    }

    public Duration getPairBackoffMax() {
        return pairBackoffMax;
    }

    public void setPairBackoffMax(Duration pairBackoffMax) {
        this.pairBackoffMax = pairBackoffMax;
    }

    public Duration getRedisTimeout() {
        return redisTimeout;
    }

    public void setRedisTimeout(Duration redisTimeout) {
        this.redisTimeout = redisTimeout;
    }
}

package io.switchboard.dispatcher;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongUnaryOperator;

/**
 * Decides whether a failed attempt gets another one, and after how long.
 *
 * <ul>
 *   <li>Budget: none by default ({@code max-attempts} 0): a retryable failure is retried for as long as the message
 *       is valid, which {@link SendRetrySchedule} enforces; a positive {@code max-attempts} caps the attempts in all.
 *       Limited verdicts (unknown codes, 1, 131000) get {@code limited-max-attempts}, since Meta advises retrying
 *       those only a few times. A 130429 (the number's throughput reached) spends no attempt: it says our pace was too
 *       fast, not that the message is wrong, so the message waits through the lowered pace until it is sent or its
 *       validity ends (EXPIRED), never dead-lettered for it. An ambiguous outcome (request written, no answer) is retried at most
 *       {@code ambiguous-retries} times, because each retry may send the message twice.</li>
 *   <li>RETRY and AMBIGUOUS: exponential backoff with full jitter, uniform in [0, min(max, base * 2^(n-1))].</li>
 *   <li>THROTTLE: the same curve from the longer {@code throttle-backoff-base}, with "equal jitter" (at least half
 *       the step), so a rate-limited number really waits.</li>
 * </ul>
 */
public final class RetryPolicy {

    /** WhatsApp's "Cloud API message throughput has been reached" (per business number). */
    static final int THROUGHPUT_REACHED = 130429;

    private final int maxAttempts;
    private final int limitedMaxAttempts;
    private final int ambiguousRetries;
    private final long baseMillis;
    private final long maxMillis;
    private final long throttleBaseMillis;
    private final LongUnaryOperator uniformUpTo;

    public RetryPolicy(DispatcherProperties properties) {
        this(properties, bound -> ThreadLocalRandom.current().nextLong(bound + 1));
    }

    /** {@code uniformUpTo} returns a value in [0, bound]; tests pass a fixed one. */
    RetryPolicy(DispatcherProperties properties, LongUnaryOperator uniformUpTo) {
        this.maxAttempts = properties.getMaxAttempts() <= 0 ? Integer.MAX_VALUE : properties.getMaxAttempts();
        this.limitedMaxAttempts = Math.max(1, properties.getLimitedMaxAttempts());
        this.ambiguousRetries = Math.max(0, properties.getAmbiguousRetries());
        this.baseMillis = Math.max(1, properties.getBackoffBase().toMillis());
        this.maxMillis = Math.max(baseMillis, properties.getBackoffMax().toMillis());
        this.throttleBaseMillis = Math.max(1, properties.getThrottleBackoffBase().toMillis());
        this.uniformUpTo = uniformUpTo;
    }

    /**
     * The wait before the next attempt, or empty when the message must fail now.
     *
     * @param verdict the classification of the attempt that just failed
     * @param attemptsMade attempts made so far, including that one
     * @param ambiguousSoFar ambiguous outcomes so far, including that one if it was ambiguous
     */
    public Optional<Duration> nextDelay(Classification verdict, int attemptsMade, int ambiguousSoFar) {
        if (!verdict.action().retryable()) {
            return Optional.empty();
        }
        int budget = verdict.limited() ? Math.min(maxAttempts, limitedMaxAttempts) : maxAttempts;
        if (attemptsMade >= budget && !throughputReached(verdict)) {
            return Optional.empty();
        }
        if (verdict.action() == SendAction.AMBIGUOUS && ambiguousSoFar > ambiguousRetries) {
            return Optional.empty();
        }
        if (verdict.action() == SendAction.THROTTLE) {
            long step = step(throttleBaseMillis, attemptsMade);
            return Optional.of(Duration.ofMillis(step / 2 + uniformUpTo.applyAsLong(step - step / 2)));
        }
        return Optional.of(Duration.ofMillis(uniformUpTo.applyAsLong(step(baseMillis, attemptsMade))));
    }

    private static boolean throughputReached(Classification verdict) {
        return verdict.action() == SendAction.THROTTLE && verdict.error() != null
                && Integer.valueOf(THROUGHPUT_REACHED).equals(verdict.error().getCode());
    }

    /** min(max, base * 2^(n-1)) without overflowing for large n. */
    private long step(long base, int attemptsMade) {
        int doublings = Math.min(Math.max(0, attemptsMade - 1), 40);
        long step = base;
        for (int i = 0; i < doublings && step < maxMillis; i++) {
            step *= 2;
        }
        return Math.min(step, Math.max(maxMillis, base));
    }
}

package io.switchboard.dispatcher;

import io.switchboard.schemas.avro.SendCommand;
import java.time.Duration;
import java.time.Instant;

/**
 * When a message that failed an attempt is tried again, and where it waits meanwhile. The rules, in order:
 *
 * <ul>
 *   <li>{@link RetryPolicy} says whether the verdict allows another attempt and draws the backoff (exponential with
 *       jitter, growing to {@code backoff-max}); a 131056 waits the pair's own backoff instead. No further attempt:
 *       an unanswered request is left in doubt ({@link Step#inDoubt}), anything else gives up
 *       ({@link Step#giveUp}: dead-lettered with RETRIES_EXHAUSTED).</li>
 *   <li>A message is valid until its {@code expiresAt}, or {@code default-validity} after {@code acceptedAt} when it
 *       has none: a wait that would end later is cut to end at that instant, when the message expires (EXPIRED with
 *       its last error) instead of being tried again.</li>
 *   <li>A wait that would keep the message in the in-flight window for {@code park-after} or more in all (what it
 *       has been held there so far plus this wait) is parked outside it ({@link Step#park}); a shorter one waits in
 *       place. So a record holds its in-flight slot and its offset for about {@code park-after} at most, however
 *       many short retries it makes.</li>
 * </ul>
 */
public final class SendRetrySchedule {

    /** What happens after a failed attempt. */
    public record Step(Kind kind, Duration delay, boolean park) {

        public enum Kind { RETRY, GIVE_UP, IN_DOUBT }

        static Step retry(Duration delay, boolean park) {
            return new Step(Kind.RETRY, delay, park);
        }

        public static Step giveUp() {
            return new Step(Kind.GIVE_UP, Duration.ZERO, false);
        }

        public static Step inDoubt() {
            return new Step(Kind.IN_DOUBT, Duration.ZERO, false);
        }
    }

    /** A wake-up this much after the validity ends finds the message expired, whatever the timer's precision. */
    private static final Duration PAST_VALIDITY = Duration.ofMillis(1);

    private final RetryPolicy policy;
    private final Duration defaultValidity;
    private final Duration parkAfter;

    public SendRetrySchedule(RetryPolicy policy, Duration defaultValidity, Duration parkAfter) {
        this.policy = policy;
        this.defaultValidity = defaultValidity;
        this.parkAfter = parkAfter;
    }

    /** The instant after which {@code command} is never sent. */
    public Instant validUntil(SendCommand command) {
        return command.getExpiresAt() != null ? command.getExpiresAt()
                : command.getAcceptedAt().plus(defaultValidity);
    }

    public boolean isExpired(SendCommand command, Instant now) {
        return !now.isBefore(validUntil(command));
    }

    /**
     * @param verdict the classification of the attempt that just failed
     * @param attemptsMade attempts made so far, including that one
     * @param ambiguousSoFar unanswered attempts so far, including that one if it was
     * @param pairWait the 131056 pair backoff when that was the code, else null
     * @param heldSoFar how long the message has been in the in-flight window already
     */
    public Step next(Classification verdict, int attemptsMade, int ambiguousSoFar, Duration pairWait, Instant now,
            Instant validUntil, Duration heldSoFar) {
        var drawn = policy.nextDelay(verdict, attemptsMade, ambiguousSoFar);
        if (drawn.isEmpty()) {
            return verdict.action() == SendAction.AMBIGUOUS ? Step.inDoubt() : Step.giveUp();
        }
        Duration wait = pairWait != null ? pairWait : drawn.get();
        Duration left = Duration.between(now, validUntil).plus(PAST_VALIDITY);
        if (wait.compareTo(left) > 0) {
            wait = left.isNegative() ? Duration.ZERO : left;
        }
        return Step.retry(wait, wait.plus(heldSoFar).compareTo(parkAfter) >= 0);
    }

    public Duration parkAfter() {
        return parkAfter;
    }
}

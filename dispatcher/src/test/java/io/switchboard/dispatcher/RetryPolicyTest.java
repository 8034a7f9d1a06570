package io.switchboard.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.ErrorInfo;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static final Classification RETRY = new Classification(SendAction.RETRY, "TRANSIENT", false, null);
    private static final Classification LIMITED = new Classification(SendAction.RETRY, "UNKNOWN_CODE", true, null);
    private static final Classification THROTTLE = new Classification(SendAction.THROTTLE, "THROTTLED", false, null);
    private static final Classification AMBIGUOUS =
            new Classification(SendAction.AMBIGUOUS, "TIMEOUT_AFTER_WRITE", false, null);
    private static final Classification PERMANENT = new Classification(SendAction.PERMANENT, "PERMANENT", false, null);

    private final DispatcherProperties properties = new DispatcherProperties();

    @Test
    void fullJitterDrawsUpToAnExponentialStepCappedAtTheMaximum() {
        RetryPolicy highest = new RetryPolicy(properties, bound -> bound);
        RetryPolicy lowest = new RetryPolicy(properties, bound -> 0);

        assertThat(highest.nextDelay(RETRY, 1, 0)).hasValue(Duration.ofMillis(200));
        assertThat(highest.nextDelay(RETRY, 2, 0)).hasValue(Duration.ofMillis(400));
        assertThat(highest.nextDelay(RETRY, 5, 0)).hasValue(Duration.ofMillis(3200));
        assertThat(highest.nextDelay(RETRY, 7, 0)).hasValue(Duration.ofMillis(12800));
        assertThat(lowest.nextDelay(RETRY, 3, 0)).hasValue(Duration.ZERO);

        assertThat(new RetryPolicy(properties, bound -> bound).nextDelay(RETRY, 20, 0))
                .hasValue(Duration.ofMinutes(5));
        properties.setBackoffMax(Duration.ofSeconds(30));
        assertThat(new RetryPolicy(properties, bound -> bound).nextDelay(RETRY, 20, 0))
                .hasValue(Duration.ofSeconds(30));
    }

    @Test
    void byDefaultAttemptsAreNotCappedTheMessagesValidityEndsThem() {
        RetryPolicy policy = new RetryPolicy(properties);

        assertThat(policy.nextDelay(RETRY, 8, 0)).isPresent();
        assertThat(policy.nextDelay(RETRY, 10_000, 0)).isPresent();
    }

    @Test
    void givesUpAfterMaxAttemptsWhenACapIsConfigured() {
        properties.setMaxAttempts(8);
        RetryPolicy policy = new RetryPolicy(properties);

        assertThat(policy.nextDelay(RETRY, 7, 0)).isPresent();
        assertThat(policy.nextDelay(RETRY, 8, 0)).isEmpty();
    }

    @Test
    void limitedVerdictsGetTheSmallerBudget() {
        RetryPolicy policy = new RetryPolicy(properties);

        assertThat(policy.nextDelay(LIMITED, 2, 0)).isPresent();
        assertThat(policy.nextDelay(LIMITED, 3, 0)).isEmpty();
    }

    @Test
    void anAmbiguousOutcomeIsNeverRetriedByDefault() {
        assertThat(new RetryPolicy(properties).nextDelay(AMBIGUOUS, 1, 1)).isEmpty();
    }

    @Test
    void anAmbiguousOutcomeIsRetriedOnlyAsOftenAsConfigured() {
        properties.setAmbiguousRetries(1);
        RetryPolicy policy = new RetryPolicy(properties);

        assertThat(policy.nextDelay(AMBIGUOUS, 1, 1)).isPresent();
        assertThat(policy.nextDelay(AMBIGUOUS, 2, 2)).isEmpty();
    }

    @Test
    void throttlingWaitsAtLeastHalfOfTheLongerThrottleStep() {
        RetryPolicy lowest = new RetryPolicy(properties, bound -> 0);
        RetryPolicy highest = new RetryPolicy(properties, bound -> bound);

        assertThat(lowest.nextDelay(THROTTLE, 1, 0)).hasValue(Duration.ofSeconds(1));
        assertThat(highest.nextDelay(THROTTLE, 1, 0)).hasValue(Duration.ofSeconds(2));
        assertThat(lowest.nextDelay(THROTTLE, 3, 0)).hasValue(Duration.ofSeconds(4));
        assertThat(highest.nextDelay(THROTTLE, 7, 0)).hasValue(Duration.ofSeconds(128));
        assertThat(highest.nextDelay(THROTTLE, 9, 0)).hasValue(Duration.ofMinutes(5));
    }

    @Test
    void aThroughputThrottleSpendsNoAttemptButOtherThrottlesDo() {
        properties.setMaxAttempts(8);
        properties.setBackoffMax(Duration.ofSeconds(30));
        RetryPolicy policy = new RetryPolicy(properties, bound -> bound);
        Classification throughput = new Classification(SendAction.THROTTLE, "THROTTLED", false,
                ErrorInfo.newBuilder().setCode(130429).setTitle("Rate limit hit").build());
        Classification pair = new Classification(SendAction.THROTTLE, "THROTTLED", false,
                ErrorInfo.newBuilder().setCode(131056).setTitle("Pair rate limit").build());

        assertThat(policy.nextDelay(throughput, 8, 0)).hasValue(Duration.ofSeconds(30));
        assertThat(policy.nextDelay(throughput, 50, 0)).hasValue(Duration.ofSeconds(30));
        assertThat(policy.nextDelay(pair, 8, 0)).isEmpty();
    }

    @Test
    void finalVerdictsAreNeverRetried() {
        assertThat(new RetryPolicy(properties).nextDelay(PERMANENT, 1, 0)).isEmpty();
    }
}

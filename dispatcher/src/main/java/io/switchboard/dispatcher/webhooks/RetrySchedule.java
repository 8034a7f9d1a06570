package io.switchboard.dispatcher.webhooks;

import io.switchboard.schemas.avro.WebhookDelivery;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * When a parked delivery is attempted next. The schedule counts from the first attempt: attempt n+1 is due at
 * {@code firstAttemptAt + schedule[0] + ... + schedule[n-1]}. Because it depends only on the first attempt's time and
 * the number of attempts made, a restarted dispatcher recomputes the same due times from the parked record alone
 * (a due time that passed while it was down is attempted at once). After the last step the event is given up.
 */
public final class RetrySchedule {

    private final List<Duration> steps;

    public RetrySchedule(List<Duration> steps) {
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("switchboard.webhooks.retry-schedule must have at least one step");
        }
        this.steps = List.copyOf(steps);
    }

    /** When the next attempt is due, or empty once every step was used. */
    public Optional<Instant> nextAttemptAt(int attemptsMade, Instant firstAttemptAt) {
        if (attemptsMade <= 0 || firstAttemptAt == null) {
            return Optional.of(Instant.EPOCH);
        }
        if (attemptsMade > steps.size()) {
            return Optional.empty();
        }
        Duration wait = Duration.ZERO;
        for (int i = 0; i < attemptsMade; i++) {
            wait = wait.plus(steps.get(i));
        }
        return Optional.of(firstAttemptAt.plus(wait));
    }

    public Optional<Instant> nextAttemptAt(WebhookDelivery delivery) {
        return nextAttemptAt(delivery.getAttempts(), delivery.getFirstAttemptAt());
    }

    /** The total time an event is retried for. */
    public Duration total() {
        return steps.stream().reduce(Duration.ZERO, Duration::plus);
    }
}

package io.switchboard.dispatcher;

import io.switchboard.cloudapi.CloudApiRequestMapper;
import io.switchboard.schemas.avro.RetryCommand;
import io.switchboard.schemas.avro.SendCommand;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Delivers one send command to the Cloud API and publishes its outcome; the returned future completes when the
 * outcome (and dead letter, if any) is in Kafka, which is when its offset may be committed.
 *
 * <p>Rules, in order: a command with a sent marker ({@link SentMarkers}) was already handed to WhatsApp and is never
 * sent again (its SENT is re-announced, an in-doubt one publishes nothing); a command past its validity
 * ({@link SendRetrySchedule#validUntil}, checked before every attempt) is EXPIRED and never sent; a command that
 * cannot be mapped fails at once (INVALID_COMMAND); a command whose account may no longer send
 * ({@link AccountStanding}) fails before any attempt; every attempt first takes a slot of its business number's
 * shared pace ({@link NumberPacer}), waiting on a timer so other numbers keep flowing, and goes out only while the
 * instance's one-second window of the number has room ({@link SendWindows}); nothing is sent while Redis is
 * unreachable; each Cloud API outcome is handled by {@link AttemptOutcomes}.
 *
 * <p>A fresh delivery ({@link #process}) waits in place only briefly: a retry {@code park-after} away or more, and a
 * halted number or account, end it with {@link DeliveryOutcome.Park}, and the caller parks the message outside the
 * in-flight window. A parked one ({@link #resume}) waits in memory, already outside the window. No new step starts
 * once the partition is being released ({@link Ownership}): the delivery is abandoned
 * ({@link DeliveryAbandonedException}) and the next owner takes it over; a call already under way is finished first.
 */
public final class SendCommandProcessor {

    private final DeliveryContext context;
    private final AttemptOutcomes outcomes;

    public SendCommandProcessor(CloudApiRequestMapper mapper, CloudApiClient client, SendOutcomeClassifier classifier,
            SendRetrySchedule schedule, MessageEventPublisher publisher, ScheduledExecutorService timers,
            Executor workers, DispatcherMetrics metrics, Clock clock, NumberPacer pacer, PacingProperties pacing,
            Halts halts, SentMarkers markers, AccountStanding standing, FailingNumbers failing) {
        this.context = new DeliveryContext(mapper, client, classifier, schedule, publisher, pacer,
                new PaceGate(pacer, new SendWindows(pacing), timers, metrics),
                new PairBackoff(pacing.getPairBackoffMax()), halts, markers,
                new MarkerWriter(markers, metrics, timers, pacing.getRedisRetryInterval()), standing, failing,
                metrics, timers, workers, clock, pacing.getRedisRetryInterval(), pacing.getHaltRecheckInterval());
        this.outcomes = new AttemptOutcomes(context);
    }

    /**
     * Starts delivering a fresh {@code command}; {@code ownership} says whether its partition may still start work.
     * Completes with {@link DeliveryOutcome.Park} when the message must wait outside the in-flight window.
     */
    public CompletableFuture<DeliveryOutcome> process(SendCommand command, Ownership ownership) {
        return new Delivery(context, outcomes, command, ownership, List.of(), 0, 0, true).start();
    }

    /** Goes on delivering a parked message, with its attempts so far; it waits in memory, never parked again. */
    public CompletableFuture<DeliveryOutcome> resume(RetryCommand parked, Ownership ownership) {
        int made = Math.max(parked.getAttemptsMade(), parked.getAttempts().size());
        return new Delivery(context, outcomes, parked.getCommand(), ownership, parked.getAttempts(), made,
                parked.getAmbiguousAttempts(), false).start();
    }

    /** The shared validity rule, for the parked messages' expiry sweep. */
    public SendRetrySchedule schedule() {
        return context.schedule();
    }
}

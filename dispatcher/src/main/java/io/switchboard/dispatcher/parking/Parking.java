package io.switchboard.dispatcher.parking;

import io.switchboard.dispatcher.AccountStanding;
import io.switchboard.dispatcher.DeliveryAbandonedException;
import io.switchboard.dispatcher.DeliveryOutcome;
import io.switchboard.dispatcher.DispatcherMetrics;
import io.switchboard.dispatcher.MessageEventPublisher;
import io.switchboard.dispatcher.PartitionOffsets;
import io.switchboard.dispatcher.SendCommandProcessor;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.ErrorInfo;
import io.switchboard.schemas.avro.ParkReason;
import io.switchboard.schemas.avro.RetryCommand;
import io.switchboard.schemas.avro.SendCommand;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Delivers the fresh records of send-commands, parking what must wait outside the in-flight window: a conversation
 * that has a parked message parks its later ones behind it (their turn comes in its lane, {@link ParkedLanes}); any
 * other message is delivered ({@link SendCommandProcessor#process}), and one that ends with a retry minutes away or
 * with its number or account halted is parked. A parked copy goes to the partition of send-commands-retry with the
 * record's own partition number, and the send-commands record finishes once Kafka has acknowledged it, so its offset
 * moves on while the message waits.
 */
public final class Parking {

    private final SendCommandProcessor processor;
    private final ParkedLanes lanes;
    private final MessageEventPublisher publisher;
    private final AccountStanding standing;
    private final DispatcherMetrics metrics;
    private final Executor workers;
    private final Clock clock;

    public Parking(SendCommandProcessor processor, ParkedLanes lanes, MessageEventPublisher publisher,
            AccountStanding standing, DispatcherMetrics metrics, Executor workers, Clock clock) {
        this.processor = processor;
        this.lanes = lanes;
        this.publisher = publisher;
        this.standing = standing;
        this.metrics = metrics;
        this.workers = workers;
        this.clock = clock;
    }

    /** Delivers or parks a fresh command; completes once its outcome, or its parked copy, is in Kafka. */
    public CompletableFuture<Void> deliver(SendCommand command, PartitionOffsets tracker) {
        int partition = tracker.partition().partition();
        String key = Topics.sendCommandKey(command.getPhoneNumberId(), command.getRecipient());
        if (lanes.holds(partition, key)) {
            if (!tracker.mayStart()) {
                return CompletableFuture.failedFuture(new DeliveryAbandonedException(command.getMessageId()));
            }
            Optional<ErrorInfo> refusal = standing.refusal(command);
            if (refusal.isPresent()) {
                // Its turn would only fail it: fail it now rather than park it.
                metrics.result("failed", command);
                return publisher.failed(command, refusal.get(), 0);
            }
            return park(partition, key, command, new DeliveryOutcome.Park(ParkReason.BEHIND, clock.instant(),
                    List.of(), 0, 0));
        }
        return processor.process(command, tracker).thenComposeAsync(outcome -> outcome instanceof DeliveryOutcome.Park p
                ? park(partition, key, command, p) : CompletableFuture.<Void>completedFuture(null), workers);
    }

    private CompletableFuture<Void> park(int partition, String key, SendCommand command, DeliveryOutcome.Park park) {
        String parkId = UUID.randomUUID().toString();
        lanes.parking(partition, key, parkId);
        metrics.parked(park.reason().name());
        RetryCommand parked = RetryCommand.newBuilder().setCommand(command).setNotBefore(park.notBefore())
                .setAttempts(park.attempts()).setAttemptsMade(park.attemptsMade())
                .setAmbiguousAttempts(park.ambiguousAttempts()).setReason(park.reason())
                .setParkedAt(clock.instant()).setParkId(parkId).build();
        return publisher.park(partition, parked);
    }

    /** Ends at once the parked messages that can only expire or fail (see {@link ParkedLanes#sweep}). */
    public void sweep() {
        var now = clock.instant();
        lanes.sweep(r -> processor.schedule().isExpired(r.getCommand(), now),
                r -> standing.refusal(r.getCommand()).isPresent());
    }
}

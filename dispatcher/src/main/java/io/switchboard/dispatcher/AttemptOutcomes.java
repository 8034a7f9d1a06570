package io.switchboard.dispatcher;

import io.switchboard.cloudapi.InvalidCommandException;
import io.switchboard.schemas.Topics;
import io.switchboard.schemas.avro.AttemptRecord;
import io.switchboard.schemas.avro.ErrorInfo;
import io.switchboard.schemas.avro.SendCommand;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a {@link Delivery} does with each thing that can happen to it, decided in one place. A Cloud API outcome is
 * classified by {@link SendOutcomeClassifier}: SENT records the marker, then publishes the wamid; PERMANENT publishes
 * FAILED with WhatsApp's code and text; HALT halts the number or its whole account for every instance
 * ({@link Halts}) and the message waits for a clear; AMBIGUOUS (written, not answered) is never resent by default:
 * marker "in-doubt", an ATTEMPT event, and webhooks tell the status; a retryable verdict publishes an ATTEMPT event
 * and waits as {@link SendRetrySchedule} says (a 131056 waits {@link PairBackoff}'s 4^X seconds, a 130429 also
 * lowers the number's pace), or, when no attempt is left, fails and is dead-lettered. Before any call: a marker means
 * the message was already handed to WhatsApp; a command that cannot be mapped fails (INVALID_COMMAND); a refused
 * account fails it with the account's reason; a message past its validity is EXPIRED with its last error.
 */
final class AttemptOutcomes {

    private static final Logger LOG = LoggerFactory.getLogger(AttemptOutcomes.class);
    private static final int THROUGHPUT_REACHED = 130429;
    private static final int PAIR_RATE_LIMIT = 131056;

    private final DeliveryContext ctx;

    AttemptOutcomes(DeliveryContext ctx) {
        this.ctx = ctx;
    }

    void handle(Delivery delivery, CloudApiOutcome outcome, int number, Instant at) {
        SendCommand command = delivery.command();
        Classification verdict = ctx.classifier().classify(outcome);
        ctx.metrics().attempt(verdict, outcome.latency(), command);
        delivery.recordAttempt(AttemptRecord.newBuilder().setAttempt(number).setAt(at)
                .setOutcome(verdict.action().recorded()).setError(verdict.error())
                .setDurationMillis(outcome.latency().toMillis()).build(), verdict.action() == SendAction.AMBIGUOUS);
        Integer code = verdict.error() == null ? null : verdict.error().getCode();
        if (code == null || code != PAIR_RATE_LIMIT) {
            ctx.pairs().reset(pairKey(command));
        }
        if (code != null && code == THROUGHPUT_REACHED) {
            slowDownNumber(command.getPhoneNumberId());
        }
        trackNumber(command.getPhoneNumberId(), verdict, code);
        switch (verdict.action()) {
            case SENT -> sent(delivery, (CloudApiOutcome.Accepted) outcome, number);
            case PERMANENT -> {
                LOG.info("Message {} to {} failed permanently: {}", command.getMessageId(), delivery.masked(),
                        describe(verdict.error()));
                delivery.finish(ctx.publisher().failed(command, verdict.error(), number), "failed");
            }
            case HALT -> halt(delivery, verdict, number);
            default -> retryOrGiveUp(delivery, verdict, number, code);
        }
    }

    void alreadyHandled(Delivery delivery, String marker) {
        boolean inDoubt = SentMarkers.IN_DOUBT.equals(marker);
        ctx.metrics().redeliveredSkipped(inDoubt ? "in_doubt" : "sent");
        LOG.info("Message {} was already handed to WhatsApp ({}); not sending it again",
                delivery.command().getMessageId(), inDoubt ? "in doubt" : "accepted");
        if (inDoubt) {
            delivery.finish(CompletableFuture.completedFuture(null), "skipped_in_doubt");
        } else {
            // Re-announce the SENT event (attempt 0): the crash may have come before it was published.
            String wamid = SentMarkers.ACCEPTED.equals(marker) ? null : marker;
            delivery.finish(ctx.publisher().sent(delivery.command(), wamid, 0), "skipped_already_sent");
        }
    }

    void notSendable(Delivery delivery, InvalidCommandException e) {
        LOG.warn("Message {} to {} is not sendable: {}", delivery.command().getMessageId(), delivery.masked(),
                e.getMessage());
        ErrorInfo error = ErrorInfo.newBuilder().setCode(null).setTitle("Invalid send command")
                .setDetail(e.getMessage()).setReason("INVALID_COMMAND").build();
        delivery.finish(ctx.publisher().failed(delivery.command(), error, 0), "failed");
    }

    void refused(Delivery delivery, ErrorInfo error) {
        LOG.debug("Message {} not sent: {}", delivery.command().getMessageId(), error.getDetail());
        delivery.finish(ctx.publisher().failed(delivery.command(), error, delivery.attemptsMade()), "failed");
    }

    /** Published with the last error, if any: the message ran out of validity while it was being retried. */
    void expired(Delivery delivery) {
        var attempts = delivery.attempts();
        ErrorInfo last = attempts.isEmpty() ? null : attempts.get(attempts.size() - 1).getError();
        delivery.finish(ctx.publisher().expired(delivery.command(), delivery.attemptsMade(), last), "expired");
    }

    private void sent(Delivery delivery, CloudApiOutcome.Accepted accepted, int number) {
        if (accepted.wamid() == null) {
            LOG.warn("Message {} accepted (HTTP {}) without a wamid; webhooks will correlate it by message id",
                    delivery.command().getMessageId(), accepted.httpStatus());
        }
        String marker = accepted.wamid() == null ? SentMarkers.ACCEPTED : accepted.wamid();
        delivery.finish(delivery.mark(marker).thenCompose(v -> ctx.publisher().sent(delivery.command(),
                accepted.wamid(), number)), "sent");
    }

    /**
     * Written but unanswered: WhatsApp may have accepted it, and it has no idempotency key, so the message is not
     * sent again. It stays "in doubt": marked in Redis (a redelivery will not send it either), an ATTEMPT event
     * records the timeout, and its status comes from WhatsApp's webhooks, which carry our message id in
     * biz_opaque_callback_data.
     */
    private void inDoubt(Delivery delivery, Classification verdict, int number) {
        ctx.metrics().inDoubt();
        LOG.warn("Message {} to {}: no answer after the request was written ({}); WhatsApp may have accepted it. "
                + "Not resent: it stays in doubt until WhatsApp's webhooks tell its status",
                delivery.command().getMessageId(), delivery.masked(),
                verdict.error() == null ? "" : verdict.error().getDetail());
        delivery.finish(delivery.mark(SentMarkers.IN_DOUBT).thenCompose(v -> ctx.publisher().attemptFailed(
                delivery.command(), verdict.error(), number)), "in_doubt");
    }

    /** The number or its account cannot send: halt it for every instance; this message waits for a clear. */
    private void halt(Delivery delivery, Classification verdict, int number) {
        ctx.metrics().halted();
        delivery.written(ctx.publisher().attemptFailed(delivery.command(), verdict.error(), number));
        ctx.halts().halt(delivery.command(), verdict).whenComplete((ignored, failure) -> {
            delivery.callEnded();
            delivery.waitForHalt();
        });
    }

    private void retryOrGiveUp(Delivery delivery, Classification verdict, int number, Integer code) {
        SendCommand command = delivery.command();
        boolean pair = code != null && code == PAIR_RATE_LIMIT;
        Instant now = ctx.clock().instant();
        SendRetrySchedule.Step step = ctx.schedule().next(verdict, number, delivery.ambiguous(),
                pair ? ctx.pairs().next(pairKey(command)) : null, now, ctx.schedule().validUntil(command),
                delivery.heldFor(now));
        if (step.kind() == SendRetrySchedule.Step.Kind.IN_DOUBT) {
            inDoubt(delivery, verdict, number);
            return;
        }
        if (step.kind() == SendRetrySchedule.Step.Kind.GIVE_UP) {
            ErrorInfo last = verdict.errorWithReason("RETRIES_EXHAUSTED");
            LOG.warn("Message {} to {} failed after {} attempt(s), dead-lettered: {}", command.getMessageId(),
                    delivery.masked(), number, describe(last));
            delivery.finish(CompletableFuture.allOf(ctx.publisher().deadLetter(command, delivery.attempts(), last),
                    ctx.publisher().failed(command, last, number)), "dead_lettered");
            return;
        }
        if (verdict.action() == SendAction.AMBIGUOUS) {
            ctx.metrics().possibleDuplicate("in_doubt_resend");
            LOG.warn("Message {} to {}: no answer after the request was written ({}); retrying, WhatsApp may "
                    + "deliver it twice", command.getMessageId(), delivery.masked(), verdict.error().getDetail());
        } else {
            LOG.debug("Message {} attempt {} {}: retrying in {} ms{}", command.getMessageId(), number,
                    describe(verdict.error()), step.delay().toMillis(), step.park() ? " (parked)" : "");
        }
        delivery.written(ctx.publisher().attemptFailed(command, verdict.error(), number));
        delivery.retryIn(step.delay(), step.park());
    }

    /** Whether WhatsApp is failing the number (a pair limit is about one recipient, not the number). */
    private void trackNumber(String phoneNumberId, Classification verdict, Integer code) {
        if (verdict.action() == SendAction.SENT) {
            ctx.failing().succeeded(phoneNumberId);
        } else if (verdict.action().retryable() && (code == null || code != PAIR_RATE_LIMIT)) {
            ctx.failing().failed(phoneNumberId, verdict.error(), ctx.clock().instant());
        }
    }

    private void slowDownNumber(String phoneNumberId) {
        ctx.pacer().slowDown(phoneNumberId).whenComplete((rate, failure) -> {
            if (failure == null) {
                ctx.metrics().rateLowered();
                LOG.info("130429 from WhatsApp: number {} now paced at {} messages a second", phoneNumberId, rate);
            } else {
                LOG.warn("130429 from WhatsApp, but the number's pace could not be lowered: {}", failure.toString());
            }
        });
    }

    private static String pairKey(SendCommand command) {
        return Topics.sendCommandKey(command.getPhoneNumberId(), command.getRecipient());
    }

    static String describe(ErrorInfo error) {
        return error == null ? "no error" : "code " + error.getCode() + " " + error.getTitle()
                + (error.getDetail() == null ? "" : " (" + error.getDetail() + ")");
    }
}

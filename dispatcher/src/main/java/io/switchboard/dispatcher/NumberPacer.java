package io.switchboard.dispatcher;

import io.lettuce.core.ScriptOutputType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Paces sends per business number, shared by every dispatcher instance through Redis ({@code pacing/acquire.lua},
 * GCRA without burst): send slots are {@code 1/rate} apart on Redis's clock, so no one-second window holds more than
 * {@code rate + 1} sends of a number, whichever instance sent them.
 *
 * <p>Each instance keeps one queue ("lane") of waiting attempts per number and at most one script call in flight per
 * lane; a call reserves up to {@code batch} consecutive slots, but only slots within {@code max-reservation} of now,
 * and hands them to the waiters in arrival order as delays (the caller sends when its slot comes, on a timer). Slots
 * are reserved in Redis one interval apart, so a batch is never a burst, and the horizon makes a lowered rate apply
 * within {@code max-reservation}. When the next free slot is beyond the horizon the lane asks again when it is not.
 * So Redis sees about {@code rate / slots-per-call} calls per number and instance, not one per waiting message.
 *
 * <p>Each slot comes with the latest time it is on time ({@link PaceSlot}): its tolerance
 * ({@link PacingProperties#lateToleranceNanos}), less the script call's round trip (the slot's time is uncertain by
 * that much), never more than the lateness the budget allows ({@link PacingProperties#lateAllowanceNanos}); and with
 * the latest time it may be used at all when the instance's window has room ({@link SendWindows}): its
 * {@link PacingProperties#lateLimitNanos late limit}, less the round trip, never below the tolerance.
 *
 * <p>A 130429 lowers the number's rate multiplicatively ({@code pacing/slow-down.lua}); the acquire script adds
 * {@code recovery-per-second} back each second. When Redis cannot be reached every waiter's future fails: callers
 * pause and ask again, never sending unpaced; {@link #reachable()} feeds the health indicator. A halted number
 * ({@link HaltRegistry}) gets no slot: its waiters fail with {@link NumberHaltedException} and ask again later.
 */
public final class NumberPacer {

    private static final LuaScript ACQUIRE = LuaScript.load("/pacing/acquire.lua");
    private static final LuaScript SLOW_DOWN = LuaScript.load("/pacing/slow-down.lua");

    private final RedisConnector redis;
    private final PacingProperties properties;
    private final ScheduledExecutorService timers;
    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();

    public NumberPacer(RedisConnector redis, PacingProperties properties, ScheduledExecutorService timers) {
        this.redis = redis;
        this.properties = properties;
        this.timers = timers;
    }

    /**
     * One send slot of {@code phoneNumberId}. The future completes on the thread that read Redis's answer: callers
     * do no more there than schedule their send.
     */
    public CompletableFuture<PaceSlot> acquire(String phoneNumberId) {
        CompletableFuture<PaceSlot> slot = new CompletableFuture<>();
        lanes.computeIfAbsent(phoneNumberId, Lane::new).enqueue(slot);
        return slot;
    }

    /** Lowers the number's shared rate after a 130429; completes with the new rate. */
    public CompletableFuture<Long> slowDown(String phoneNumberId) {
        CompletableFuture<Long> answer = redis.eval(SLOW_DOWN, ScriptOutputType.INTEGER,
                new String[] {rateKey(phoneNumberId)}, String.valueOf(properties.pacedRateOf(phoneNumberId)),
                String.valueOf(properties.getDecreaseFactor()), String.valueOf(properties.getMinRate()),
                String.valueOf(properties.getRecoveryPerSecond()),
                String.valueOf(properties.getDecreaseQuietPeriod().toNanos() / 1_000));
        return answer;
    }

    /** Whether the last call to Redis (pace, halts or markers) got an answer. */
    public boolean reachable() {
        return redis.reachable();
    }

    public Throwable lastFailure() {
        return redis.lastFailure();
    }

    static String tatKey(String phoneNumberId) {
        return "pace:{" + phoneNumberId + "}:tat";
    }

    static String rateKey(String phoneNumberId) {
        return "pace:{" + phoneNumberId + "}:rate";
    }

    /** The waiting attempts of one number in this instance; one script call in flight at a time. */
    private final class Lane {

        private final String phoneNumberId;
        private final ArrayDeque<CompletableFuture<PaceSlot>> waiting = new ArrayDeque<>();
        private boolean asking;

        Lane(String phoneNumberId) {
            this.phoneNumberId = phoneNumberId;
        }

        void enqueue(CompletableFuture<PaceSlot> slot) {
            synchronized (this) {
                waiting.add(slot);
                if (asking) {
                    return;
                }
                asking = true;
            }
            ask();
        }

        private void ask() {
            int wanted;
            synchronized (this) {
                wanted = Math.min(waiting.size(), Math.max(1, properties.getBatch()));
                if (wanted == 0) {
                    asking = false;
                    return;
                }
            }
            long askedAt = System.nanoTime();
            String[] keys = {tatKey(phoneNumberId), rateKey(phoneNumberId), HaltRegistry.key(phoneNumberId)};
            redis.<List<Long>>eval(ACQUIRE, ScriptOutputType.MULTI, keys,
                    String.valueOf(properties.pacedRateOf(phoneNumberId)),
                    String.valueOf(properties.getMaxReservation().toNanos() / 1_000),
                    String.valueOf(properties.getRecoveryPerSecond()), String.valueOf(wanted))
                    .whenComplete((reply, failure) -> answered(reply, failure, askedAt));
        }

        private void answered(List<Long> reply, Throwable failure, long askedAt) {
            if (failure != null) {
                failAll(failure);
                return;
            }
            long granted = reply.get(0);
            if (granted < 0) {
                failAll(new NumberHaltedException(phoneNumberId));
                return;
            }
            if (granted == 0) {
                later(reply.get(1));
                return;
            }
            // Slots are relative to Redis's "now", somewhere between asking and the answer. Taking it as the moment
            // we asked (the earliest it can be) never makes a slot look earlier than it is late; the round trip is
            // how far off that may be, so it comes off the slots' tolerance: a slow answer's slots are sooner taken
            // again rather than sent bunched together.
            long roundTrip = System.nanoTime() - askedAt;
            long tolerance = Math.max(PacingProperties.MIN_TOLERANCE_NANOS, Math.min(
                    properties.lateToleranceNanos(phoneNumberId),
                    properties.lateAllowanceNanos(phoneNumberId) - roundTrip));
            long limit = Math.max(tolerance, Math.min(properties.lateLimitNanos(phoneNumberId),
                    properties.lateAllowanceNanos(phoneNumberId) - roundTrip));
            List<CompletableFuture<PaceSlot>> served = new ArrayList<>();
            synchronized (this) {
                for (int i = 0; i < granted && !waiting.isEmpty(); i++) {
                    served.add(waiting.poll());
                }
            }
            for (int i = 0; i < served.size(); i++) {
                long at = askedAt + (reply.get(1) + i * reply.get(2)) * 1_000;
                served.get(i).complete(new PaceSlot(at, at + tolerance, at + limit));
            }
            ask();
        }

        private void failAll(Throwable failure) {
            List<CompletableFuture<PaceSlot>> failed;
            synchronized (this) {
                failed = new ArrayList<>(waiting);
                waiting.clear();
                asking = false;
            }
            failed.forEach(slot -> slot.completeExceptionally(failure));
        }

        private void later(long micros) {
            try {
                timers.schedule(this::ask, Math.max(1, micros), TimeUnit.MICROSECONDS);
            } catch (RejectedExecutionException e) {
                answered(null, e, System.nanoTime());
            }
        }
    }
}

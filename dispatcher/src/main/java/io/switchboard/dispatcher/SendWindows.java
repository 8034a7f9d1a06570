package io.switchboard.dispatcher;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This instance's sends of each business number in the last second, so that a slot that fired late (up to
 * {@link PacingProperties#lateLimitNanos}; off by default) can be used instead of being thrown away: such a
 * send goes out only while fewer than {@link #limitOf the number's limit} sends of the number went out in the one
 * second before it. So no one-second window of this instance holds more than that limit of a number's sends, however
 * late its timers fire.
 *
 * <p>The limit is the number's paced rate ({@link PacingProperties#pacedRateOf}, rounded down, at least 1): the
 * shared pace already hands this instance no more slots than that, so the window only ever holds back the sends
 * that lateness bunched together. Across instances the bound still comes from the pace and the lateness limit
 * ({@link PacingProperties#lateLimitNanos}); the window is what keeps one instance from spending the 5% rule's
 * margin on its own lateness, leaving it to the jitter between our send and WhatsApp's count.
 *
 * <p>Each number keeps a ring of its last {@code limit} send times: the oldest of them must be a second old before
 * another send may go. Memory is one long per paced message a second per number.
 */
public final class SendWindows {

    static final long ONE_SECOND_NANOS = 1_000_000_000L;

    private final PacingProperties properties;
    private final Map<String, Ring> rings = new ConcurrentHashMap<>();

    public SendWindows(PacingProperties properties) {
        this.properties = properties;
    }

    /**
     * What a paced send does when its timer fires at {@code nanoTime}: 0, it goes now (its place in the window is
     * taken); a positive number, it waits that many nanoseconds for room in the window and asks again; -1, its slot
     * is past its limit (or would be once there is room) and it takes a fresh slot. A slot that may not be used
     * beyond its tolerance (no {@code late-limit}, the default) does not consult the window: on time it goes, late
     * it is taken again.
     */
    public long release(String phoneNumberId, PaceSlot slot, long nanoTime) {
        if (slot.limit() == slot.latest()) {
            return slot.usableAt(nanoTime) ? 0 : -1;
        }
        if (!slot.withinLimitAt(nanoTime)) {
            return -1;
        }
        long wait = tryTake(phoneNumberId, nanoTime);
        return wait == 0 || slot.withinLimitAt(nanoTime + wait) ? wait : -1;
    }

    /**
     * Takes a place for a send of {@code phoneNumberId} at {@code nanoTime} if there is one (and records the send),
     * answering 0; otherwise records nothing and answers how many nanoseconds later a place frees up.
     */
    public long tryTake(String phoneNumberId, long nanoTime) {
        return rings.computeIfAbsent(phoneNumberId, id -> new Ring(limitOf(id))).tryTake(nanoTime);
    }

    /** The most sends of {@code phoneNumberId} this instance lets out in any one second. */
    public int limitOf(String phoneNumberId) {
        return Math.max(1, (int) Math.floor(properties.pacedRateOf(phoneNumberId) + 1e-9));
    }

    /** The send times of one number, oldest first from {@code next}. */
    private static final class Ring {

        private final long[] sentAt;
        private int next;
        private int count;

        Ring(int limit) {
            this.sentAt = new long[limit];
        }

        synchronized long tryTake(long now) {
            if (count == sentAt.length) {
                long freeAt = sentAt[next] + ONE_SECOND_NANOS;
                if (freeAt - now > 0) {
                    return freeAt - now;
                }
            } else {
                count++;
            }
            sentAt[next] = now;
            next = (next + 1) % sentAt.length;
            return 0;
        }
    }
}

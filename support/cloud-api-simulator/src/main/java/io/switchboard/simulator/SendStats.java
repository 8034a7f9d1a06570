package io.switchboard.simulator;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Counts sends since the last reset, in total and per business number: accepted (timeouts included, they were
 * accepted too), held back by a timeout, refused per error code; and, per number, how many sends were accepted in
 * the last second and the most ever accepted within any one-second sliding window. That maximum is what a pacing
 * test asserts on ("never more than 5% over budget"), so it is exact: every acceptance of the last second is kept,
 * which costs at most one long per accepted send per second per number. At most {@value #MAX_NUMBERS} numbers are
 * tracked individually; sends from further numbers count in the totals only.
 */
@Singleton
public class SendStats {

    static final int MAX_NUMBERS = 10_000;
    private static final long WINDOW_NANOS = 1_000_000_000L;

    private final LongSupplier nanoClock;
    private volatile Counts totals = new Counts();
    private volatile Map<String, Counts> numbers = new ConcurrentHashMap<>();
    private volatile Instant since = Instant.now();

    @Inject
    public SendStats() {
        this(System::nanoTime);
    }

    SendStats(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    public void accepted(String phoneNumberId, boolean heldBack) {
        long now = nanoClock.getAsLong();
        totals.accept(now, heldBack);
        Counts counts = of(phoneNumberId);
        if (counts != null) {
            counts.accept(now, heldBack);
        }
    }

    public void refused(String phoneNumberId, int code) {
        totals.refuse(code);
        Counts counts = of(phoneNumberId);
        if (counts != null) {
            counts.refuse(code);
        }
    }

    public synchronized void reset() {
        totals = new Counts();
        numbers = new ConcurrentHashMap<>();
        since = Instant.now();
    }

    public View view() {
        long now = nanoClock.getAsLong();
        Map<String, NumberView> perNumber = new TreeMap<>();
        numbers.forEach((number, counts) -> perNumber.put(number, counts.view(now)));
        NumberView all = totals.view(now);
        return new View(since.toString(), all.accepted(), all.timeouts(), all.refused(), perNumber);
    }

    private Counts of(String phoneNumberId) {
        Map<String, Counts> current = numbers;
        Counts counts = current.get(phoneNumberId);
        if (counts == null && current.size() < MAX_NUMBERS) {
            counts = current.computeIfAbsent(phoneNumberId, k -> new Counts());
        }
        return counts;
    }

    /** {@code GET /_sim/stats}. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record View(String since, long accepted, long timeouts, Map<String, Long> refused,
                       Map<String, NumberView> numbers) {
    }

    /** One business number's counts. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record NumberView(long accepted, long timeouts, Map<String, Long> refused,
                             @JsonProperty("current_rate") int currentRate,
                             @JsonProperty("max_per_second") int maxPerSecond) {
    }

    private static final class Counts {
        private long accepted;
        private long timeouts;
        private final Map<Integer, Long> refused = new TreeMap<>();
        private final ArrayDeque<Long> lastSecond = new ArrayDeque<>();
        private int maxPerSecond;

        synchronized void accept(long now, boolean heldBack) {
            accepted++;
            if (heldBack) {
                timeouts++;
            }
            lastSecond.addLast(now);
            prune(now);
            maxPerSecond = Math.max(maxPerSecond, lastSecond.size());
        }

        synchronized void refuse(int code) {
            refused.merge(code, 1L, Long::sum);
        }

        synchronized NumberView view(long now) {
            prune(now);
            Map<String, Long> byCode = new TreeMap<>();
            refused.forEach((code, count) -> byCode.put(Integer.toString(code), count));
            return new NumberView(accepted, timeouts, byCode, lastSecond.size(), maxPerSecond);
        }

        private void prune(long now) {
            // The window is (now - 1 s, now]: an acceptance exactly one second ago no longer counts.
            while (!lastSecond.isEmpty() && now - lastSecond.peekFirst() >= WINDOW_NANOS) {
                lastSecond.removeFirst();
            }
        }
    }
}

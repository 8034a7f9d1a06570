package io.switchboard.dispatcher;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Meta's recipe for the pair rate limit (131056, one business number to one recipient): wait 4^X seconds, X = 0, 1,
 * 2, ... for each consecutive 131056 of that pair, capped at {@code pair-backoff-max}; a send that is accepted (or
 * finishes otherwise) resets the pair. Only that pair waits: its key's later messages wait behind it (order holds),
 * other recipients of the same number keep flowing. A key belongs to one partition, so to one instance: the count
 * lives in memory.
 */
public final class PairBackoff {

    private final ConcurrentHashMap<String, Integer> strikes = new ConcurrentHashMap<>();
    private final Duration max;

    public PairBackoff(Duration max) {
        this.max = max;
    }

    /** Records one more 131056 for {@code pairKey} and returns how long to wait before its next attempt. */
    public Duration next(String pairKey) {
        int x = strikes.merge(pairKey, 1, Integer::sum) - 1;
        long seconds = 1;
        for (int i = 0; i < x && seconds < max.toSeconds(); i++) {
            seconds *= 4;
        }
        return Duration.ofSeconds(seconds).compareTo(max) > 0 ? max : Duration.ofSeconds(seconds);
    }

    /** The pair got an answer other than 131056: the next 131056 starts again at 1 s. */
    public void reset(String pairKey) {
        strikes.remove(pairKey);
    }

    int strikes(String pairKey) {
        return strikes.getOrDefault(pairKey, 0);
    }
}

package io.switchboard.ingress.admin;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed admin authentications per remote address, in a fixed window that starts with an address's first failure:
 * once an address has failed {@code maxFailures} times within the window, it must wait until the window ends, whatever
 * it presents (admitting a right token meanwhile would let a guesser go on at full speed, since a success would stand
 * out). In memory, per instance, never blocking: one map update per failure. The map is bounded: past
 * {@link #MAX_TRACKED} addresses, finished windows are dropped, and if none are, all.
 */
public final class AdminAuthThrottle {

    static final int MAX_TRACKED = 100_000;

    private final int maxFailures;
    private final long windowMillis;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public AdminAuthThrottle(int maxFailures, Duration window, Clock clock) {
        this.maxFailures = Math.max(1, maxFailures);
        this.windowMillis = Math.max(1, window.toMillis());
        this.clock = clock;
    }

    private record Window(long startMillis, int failures) {
    }

    /** Seconds the address must wait before it may try again; 0 when it may now. */
    public long retryAfterSeconds(String address) {
        Window window = windows.get(address);
        if (window == null || window.failures() < maxFailures) {
            return 0;
        }
        long left = window.startMillis() + windowMillis - clock.millis();
        return left <= 0 ? 0 : (left + 999) / 1000;
    }

    /** Counts a failed attempt of the address. */
    public void failed(String address) {
        long now = clock.millis();
        if (windows.size() >= MAX_TRACKED && !windows.containsKey(address)) {
            windows.values().removeIf(window -> window.startMillis() + windowMillis <= now);
            if (windows.size() >= MAX_TRACKED) {
                windows.clear();
            }
        }
        windows.compute(address, (key, window) -> window == null || window.startMillis() + windowMillis <= now
                ? new Window(now, 1) : new Window(window.startMillis(), window.failures() + 1));
    }
}

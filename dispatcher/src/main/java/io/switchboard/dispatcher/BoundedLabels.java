package io.switchboard.dispatcher;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps a metric label's set of values bounded: the first {@code max} distinct values seen are used as they are,
 * every later one is reported as {@value #OTHER}, so a metric has at most {@code max + 1} series per label however
 * many numbers, accounts or codes there are. A restart starts counting afresh.
 */
public final class BoundedLabels {

    public static final String OTHER = "other";
    public static final String NONE = "none";

    private final int max;
    private final Set<String> kept = ConcurrentHashMap.newKeySet();

    public BoundedLabels(int max) {
        this.max = Math.max(0, max);
    }

    /** The label to use for {@code value}. */
    public String of(String value) {
        if (value == null || value.isBlank()) {
            return NONE;
        }
        if (kept.contains(value)) {
            return value;
        }
        synchronized (kept) {
            if (kept.size() < max) {
                kept.add(value);
                return value;
            }
        }
        return kept.contains(value) ? value : OTHER;
    }
}

package io.switchboard.ingress.ratelimit;

import java.util.List;

/**
 * What the multi-counter script answered.
 *
 * @param refusedIndex 0-based index of the counter that refused, or -1 when every counter was incremented
 * @param counts each counter's value after the call (unchanged when refused)
 * @param ttlsMillis each counter's remaining TTL in ms (negative when the counter does not exist)
 */
public record CounterResults(int refusedIndex, List<Long> counts, List<Long> ttlsMillis) {

    public boolean allowed() {
        return refusedIndex < 0;
    }

    /** Parses the script's reply {refused(1-based or 0), count_1, ttl_1, ...}. */
    static CounterResults fromScriptReply(List<?> reply, int counters) {
        if (reply == null || reply.size() != 1 + 2 * counters) {
            throw new IllegalStateException("unexpected rate-limit script reply: " + reply);
        }
        int refused = (int) asLong(reply.get(0)) - 1;
        Long[] counts = new Long[counters];
        Long[] ttls = new Long[counters];
        for (int i = 0; i < counters; i++) {
            counts[i] = asLong(reply.get(1 + 2 * i));
            ttls[i] = asLong(reply.get(2 + 2 * i));
        }
        return new CounterResults(refused, List.of(counts), List.of(ttls));
    }

    private static long asLong(Object value) {
        if (value instanceof Number number) {
            return number.longValue();
        }
        throw new IllegalStateException("unexpected value in rate-limit script reply: " + value);
    }
}

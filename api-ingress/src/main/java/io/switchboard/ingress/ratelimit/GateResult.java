package io.switchboard.ingress.ratelimit;

import java.util.List;

/**
 * What the send gate answered: which rule (if any) stopped the send, with its detail, and every counter's state.
 *
 * @param verdict the rule that decided
 * @param detail for IN_FLIGHT the marker's remaining TTL in ms; for REPLAY the stored answer; else empty
 * @param counters the counters' state (counted only when the verdict is ALLOWED and the gate counted)
 */
public record GateResult(Verdict verdict, String detail, CounterResults counters) {

    /** The rules of the gate, in the order the script applies them. */
    public enum Verdict {
        ALLOWED, RATE_LIMITED, OUTSIDE_WINDOW, IN_FLIGHT, REPLAY, KEY_REUSED
    }

    /** Parses the script's reply {gate, detail, refused, count_1, ttl_1, ...}. */
    static GateResult fromScriptReply(List<?> reply, int counters) {
        if (reply == null || reply.size() != 3 + 2 * counters || !(reply.get(0) instanceof Number gate)) {
            throw new IllegalStateException("unexpected send-gate script reply: " + reply);
        }
        int code = gate.intValue();
        if (code < 0 || code >= Verdict.values().length) {
            throw new IllegalStateException("unexpected send-gate verdict: " + code);
        }
        Object detail = reply.get(1);
        return new GateResult(Verdict.values()[code], detail == null ? "" : detail.toString(),
                CounterResults.fromScriptReply(reply.subList(2, reply.size()), counters));
    }
}

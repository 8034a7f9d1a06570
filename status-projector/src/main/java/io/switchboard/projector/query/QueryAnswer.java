package io.switchboard.projector.query;

/**
 * What an interactive query comes to: the answer from this instance's store, not found, not ready (rebalancing,
 * restoring, owner unknown or unreachable), or the owning instance's answer relayed as it came.
 */
public sealed interface QueryAnswer {

    /** The answer's JSON body ({@link MessageStatusView}, {@link WamidView}). */
    record Found(Object view) implements QueryAnswer {
    }

    record NotFound() implements QueryAnswer {
    }

    record NotReady(String why) implements QueryAnswer {
    }

    record Relayed(int status, byte[] body) implements QueryAnswer {
    }
}

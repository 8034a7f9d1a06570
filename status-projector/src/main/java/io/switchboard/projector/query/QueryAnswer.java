package io.switchboard.projector.query;

/**
 * What a status query comes to: the status from this instance's store, not found, not ready (rebalancing,
 * restoring, owner unknown or unreachable), or the owning instance's answer relayed as it came.
 */
public sealed interface QueryAnswer {

    record Found(MessageStatusView view) implements QueryAnswer {
    }

    record NotFound() implements QueryAnswer {
    }

    record NotReady(String why) implements QueryAnswer {
    }

    record Relayed(int status, byte[] body) implements QueryAnswer {
    }
}

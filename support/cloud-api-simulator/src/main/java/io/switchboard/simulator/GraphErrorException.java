package io.switchboard.simulator;

/**
 * Carries a {@link GraphError} out of deep validation code to the place that answers the request. A rejection
 * is an expected answer, not a fault, so no stack trace is captured: a load test full of bad requests must not
 * pay for one per request.
 */
public final class GraphErrorException extends RuntimeException {

    private final transient GraphError error;

    public GraphErrorException(GraphError error) {
        super("(#" + error.code() + ") " + error.details(), null, false, false);
        this.error = error;
    }

    public GraphError error() {
        return error;
    }
}

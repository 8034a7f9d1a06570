package io.switchboard.ingress.ratelimit;

/**
 * The limits a request can run into, with the name clients see in {@code error.limit}. Per-day and per-recipient
 * limits join here (and as further counters of the same Redis call) in the next issue.
 */
public enum LimitKind {
    PER_MINUTE("per_minute", "requests per minute for this API key");

    private final String publicName;
    private final String description;

    LimitKind(String publicName, String description) {
        this.publicName = publicName;
        this.description = description;
    }

    public String publicName() {
        return publicName;
    }

    /** e.g. "3 requests per minute for this API key". */
    public String describe(long limit) {
        return limit + " " + description;
    }
}

package io.switchboard.ingress.ratelimit;

/**
 * The limits a send can run into, with the name clients see in {@code error.limit} and how the refusal message
 * describes them. All three are counters of the same Redis call.
 */
public enum LimitKind {
    PER_MINUTE("per_minute", "requests per minute for this API key"),
    PER_DAY("per_day", "requests per day (UTC) for this API key"),
    PER_RECIPIENT("per_recipient", "messages per minute from this API key to this recipient");

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

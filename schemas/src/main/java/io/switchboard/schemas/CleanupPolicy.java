package io.switchboard.schemas;

/** How Kafka keeps a topic's records: by time ({@link #DELETE}) or the latest per key ({@link #COMPACT}). */
public enum CleanupPolicy {
    DELETE("delete"),
    COMPACT("compact");

    private final String kafkaValue;

    CleanupPolicy(String kafkaValue) {
        this.kafkaValue = kafkaValue;
    }

    /** The value of the topic's {@code cleanup.policy} config. */
    public String kafkaValue() {
        return kafkaValue;
    }
}

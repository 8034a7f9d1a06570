package io.switchboard.simulator;

import java.util.List;

/**
 * Which statuses a sent message will go through, in order. A reaction only ever gets {@code sent} (Meta reports
 * no delivery or read for reactions); every other message gets {@code sent} and {@code delivered}, then
 * {@code read} unless {@code simulator.read} is off. Fault injection (skipped, duplicated, reordered or failed
 * statuses) is meant to produce other plans here.
 */
public record StatusPlan(List<String> statuses) {

    public static final String SENT = "sent";
    public static final String DELIVERED = "delivered";
    public static final String READ = "read";

    public StatusPlan {
        statuses = List.copyOf(statuses);
    }

    public static StatusPlan of(SentMessage message, boolean read) {
        if ("reaction".equals(message.type())) {
            return new StatusPlan(List.of(SENT));
        }
        return new StatusPlan(read ? List.of(SENT, DELIVERED, READ) : List.of(SENT, DELIVERED));
    }
}

package io.switchboard.simulator;

import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * Which statuses a sent message will go through, in order. A reaction only ever gets {@code sent} (Meta reports
 * no delivery or read for reactions); every other message gets {@code sent} and {@code delivered}, then
 * {@code read} unless {@code simulator.read} is off. A send refused after acceptance (the customer-service window in
 * webhook mode) gets only {@code failed}, carrying the error. Fault injection (skipped, duplicated, reordered
 * statuses) is meant to produce other plans here.
 */
public record StatusPlan(List<String> statuses, @Nullable GraphError failure) {

    public static final String SENT = "sent";
    public static final String DELIVERED = "delivered";
    public static final String READ = "read";
    public static final String FAILED = "failed";

    public StatusPlan {
        statuses = List.copyOf(statuses);
    }

    public StatusPlan(List<String> statuses) {
        this(statuses, null);
    }

    /** A single {@code failed} status carrying {@code failure} in its {@code errors[]}. */
    public static StatusPlan failed(GraphError failure) {
        return new StatusPlan(List.of(FAILED), failure);
    }

    public static StatusPlan of(SentMessage message, boolean read) {
        if ("reaction".equals(message.type())) {
            return new StatusPlan(List.of(SENT));
        }
        return new StatusPlan(read ? List.of(SENT, DELIVERED, READ) : List.of(SENT, DELIVERED));
    }
}

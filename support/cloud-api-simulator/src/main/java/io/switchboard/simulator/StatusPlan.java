package io.switchboard.simulator;

import io.micronaut.core.annotation.Nullable;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Which statuses a sent message will go through, in order. A reaction only ever gets {@code sent} (Meta reports
 * no delivery or read for reactions); every other message gets {@code sent} and {@code delivered}, then
 * {@code read} unless {@code simulator.read} is off. A send refused after acceptance (the customer-service window in
 * webhook mode) gets only {@code failed}, carrying the error. Webhook faults change the plan, in this order:
 * {@code skip_all} leaves nothing; else {@code fail} gives {@code sent, failed} (or {@code failed} alone); else
 * {@code skip_delivered} drops {@code delivered} when {@code read} follows it, and {@code reorder} swaps the last two
 * statuses. {@code duplicate} then marks one status (delivered when planned, else the first) to be posted twice.
 *
 * @param duplicated index of the status posted twice, -1 for none
 */
public record StatusPlan(List<String> statuses, @Nullable GraphError failure, int duplicated) {

    public static final String SENT = "sent";
    public static final String DELIVERED = "delivered";
    public static final String READ = "read";
    public static final String FAILED = "failed";

    public StatusPlan {
        statuses = List.copyOf(statuses);
    }

    public StatusPlan(List<String> statuses, @Nullable GraphError failure) {
        this(statuses, failure, -1);
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

    /** The plan of {@code message} as the drawn webhook {@code faults} bend it. */
    public static StatusPlan of(SentMessage message, boolean read, ActiveFaults.StatusFaults faults) {
        if (faults.skipAll()) {
            return new StatusPlan(List.of());
        }
        List<String> statuses;
        GraphError failure = faults.failure();
        if (failure != null) {
            statuses = faults.failAfterSent() ? List.of(SENT, FAILED) : List.of(FAILED);
        } else {
            List<String> planned = new ArrayList<>(of(message, read).statuses());
            if (faults.skipDelivered() && planned.contains(READ)) {
                planned.remove(DELIVERED);
            }
            if (faults.reorder() && planned.size() >= 2) {
                Collections.swap(planned, planned.size() - 2, planned.size() - 1);
            }
            statuses = planned;
        }
        int duplicated = -1;
        if (faults.duplicate()) {
            duplicated = Math.max(0, statuses.indexOf(DELIVERED));
        }
        return new StatusPlan(statuses, failure, duplicated);
    }
}

package io.switchboard.dispatcher;

import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reports the consumer loop on {@code GET /health} (next to micronaut-kafka's broker check): UP while it polls, DOWN
 * when it stopped on an error or has not returned from a poll for a minute.
 */
@Singleton
@Requires(beans = DispatcherRunner.class)
public class DispatcherHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final DispatcherRunner runner;

    public DispatcherHealthIndicator(DispatcherRunner runner) {
        this.runner = runner;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        KeyOrderedDispatcher dispatcher = runner.dispatcher();
        healthStatus = runner.isAlive() ? HealthStatus.UP : HealthStatus.DOWN;
        Map<String, Object> details = new LinkedHashMap<>();
        if (dispatcher != null) {
            details.put("inFlight", dispatcher.inFlight());
            details.put("assignedPartitions", dispatcher.assignedPartitions());
            if (dispatcher.failure() != null) {
                details.put("error", dispatcher.failure().toString());
            }
        }
        return details;
    }

    @Override
    protected String getName() {
        return "dispatcher";
    }
}

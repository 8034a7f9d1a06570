package io.switchboard.dispatcher;

import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reports the consumer loop on {@code GET /health} (next to micronaut-kafka's broker check): UP while it polls, DOWN
 * when it stopped on an error or has not returned from a poll for a minute, and DOWN while the last call to the shared
 * pace in Redis failed (sending is paused then, never unpaced). Halted business numbers are listed under
 * {@code halted} and halted accounts under {@code haltedAccounts} (as this instance last saw them), with WhatsApp's
 * code; they do not make the instance DOWN, since other numbers still send. Health
 * checks run on Micronaut's I/O pool, so the short wait for Redis here never blocks an event loop.
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
        NumberPacer pacer = runner.pacer();
        boolean paced = pacer == null || pacer.reachable();
        healthStatus = runner.isAlive() && paced ? HealthStatus.UP : HealthStatus.DOWN;
        Map<String, Object> details = new LinkedHashMap<>();
        if (!paced) {
            details.put("pacing", "Redis unreachable, sending paused: " + pacer.lastFailure());
        }
        halts(details);
        if (dispatcher != null) {
            details.put("inFlight", dispatcher.inFlight());
            details.put("assignedPartitions", dispatcher.assignedPartitions());
            if (dispatcher.failure() != null) {
                details.put("error", dispatcher.failure().toString());
            }
        }
        return details;
    }

    /** Halted numbers stay UP (restarting cannot fix a token or a policy block) but are named with their code. */
    private void halts(Map<String, Object> details) {
        try {
            List<Map<String, Object>> halted = runner.halts().list().get(2, TimeUnit.SECONDS);
            if (!halted.isEmpty()) {
                details.put("halted", halted);
            }
            List<Map<String, Object>> accounts = runner.accountHalts().known();
            if (!accounts.isEmpty()) {
                details.put("haltedAccounts", accounts);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            details.put("halted", "unknown: " + e.getCause());
        }
    }

    @Override
    protected String getName() {
        return "dispatcher";
    }
}

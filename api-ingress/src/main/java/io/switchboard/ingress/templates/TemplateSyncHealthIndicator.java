package io.switchboard.ingress.templates;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * "templates" in {@code /health}: always UP (an account without templates is no reason to restart the ingress,
 * which serves every other account), with {@code degraded: true} and, per account whose last template read failed
 * or listed nothing, its state and what went wrong, so that monitoring sees it; {@code accounts} counts the
 * accounts per state.
 */
@Singleton
public class TemplateSyncHealthIndicator implements HealthIndicator {

    private final TemplateSyncStatuses statuses;

    public TemplateSyncHealthIndicator(TemplateSyncStatuses statuses) {
        this.statuses = statuses;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        List<TemplateSyncStatus> all = statuses.all();
        Map<String, Integer> states = new LinkedHashMap<>();
        Map<String, String> problems = new LinkedHashMap<>();
        for (TemplateSyncStatus status : all) {
            states.merge(status.state(), 1, Integer::sum);
            if (status.degraded()) {
                problems.put(status.accountId(), status.state() + ": " + (status.lastError() == null
                        ? status.message() : status.lastError() + " (" + status.consecutiveFailures() + " time(s))"));
            }
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("degraded", !problems.isEmpty());
        details.put("accounts", states);
        if (!problems.isEmpty()) {
            details.put("problems", problems);
        }
        return Mono.just(HealthResult.builder("templates", HealthStatus.UP).details(details).build());
    }
}

package io.switchboard.dispatcher.webhooks;

import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * Reports customer-webhook delivery on {@code GET /health} (name {@code webhooks}): UP while the fan-out, the
 * delivery loop and the followers of accounts, endpoints and endpoint health all run; DOWN when one of them stopped
 * on an error, since no event would then be delivered. A failing customer endpoint never makes it DOWN: that is the
 * customer's state, shown on the ingress's admin API.
 */
@Singleton
@Requires(beans = CustomerWebhooks.class)
public class CustomerWebhooksHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final CustomerWebhooks webhooks;

    public CustomerWebhooksHealthIndicator(CustomerWebhooks webhooks) {
        this.webhooks = webhooks;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        boolean alive = webhooks.isAlive();
        healthStatus = alive ? HealthStatus.UP : HealthStatus.DOWN;
        return Map.of("running", alive);
    }

    @Override
    protected String getName() {
        return "webhooks";
    }
}

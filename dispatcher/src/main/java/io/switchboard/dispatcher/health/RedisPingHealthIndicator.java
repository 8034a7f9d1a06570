package io.switchboard.dispatcher.health;

import io.micronaut.context.annotation.Requires;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.switchboard.dispatcher.DispatcherProperties;
import io.switchboard.dispatcher.DispatcherRunner;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.reactivestreams.Publisher;

/**
 * {@code redis} on {@code /health}: a PING on the dispatcher's own Redis connection, DOWN when it fails or does not
 * answer within {@code health-timeout}. It replaces micronaut-redis' indicator ({@code redis.health.enabled: false}),
 * which waits for the client's command timeout and so hung the whole health answer for a minute when Redis stopped.
 */
@Singleton
@Requires(beans = DispatcherRunner.class)
public class RedisPingHealthIndicator implements HealthIndicator {

    private final DispatcherRunner runner;
    private final DispatcherProperties properties;

    public RedisPingHealthIndicator(DispatcherRunner runner, DispatcherProperties properties) {
        this.runner = runner;
        this.properties = properties;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return BoundedCheck.run("redis", properties.getHealthTimeout(), () -> {
            long started = System.nanoTime();
            return runner.redis().run(commands -> commands.ping()).thenApply(pong -> {
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("ping_millis", (System.nanoTime() - started) / 1_000_000);
                return details;
            });
        });
    }
}

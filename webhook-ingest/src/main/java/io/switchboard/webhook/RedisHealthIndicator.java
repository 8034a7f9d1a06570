package io.switchboard.webhook;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.reactivestreams.Publisher;

/**
 * Reports Redis on {@code /health} with a PING on the deduplicator's own connection, never blocking. A Redis that is
 * DOWN makes {@code /health} DOWN, yet webhooks are still answered and published (without deduplication).
 */
@Singleton
@Requires(property = DedupConfig.PREFIX + ".dedup-enabled", notEquals = "false")
public class RedisHealthIndicator implements HealthIndicator {

    private final RedisDedupStore store;
    private final DedupConfig config;

    RedisHealthIndicator(RedisDedupStore store, DedupConfig config) {
        this.store = store;
        this.config = config;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Publishers.fromCompletableFuture(() -> store.ping()
                .orTimeout(config.dedupTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .handle((pong, error) -> error == null
                        ? HealthResult.builder("redis", HealthStatus.UP).build()
                        : HealthResult.builder("redis", HealthStatus.DOWN)
                                .details(Map.of("error", WebhookPublisher.unwrap(error).getClass().getSimpleName(),
                                        "effect", "webhooks are published without deduplication"))
                                .build()));
    }
}

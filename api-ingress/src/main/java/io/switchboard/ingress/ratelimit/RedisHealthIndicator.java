package io.switchboard.ingress.ratelimit;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.switchboard.ingress.IngressConfiguration;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Redis as the rate limiter sees it: a PING over the limiter's own connection, bounded by
 * {@code redis-health-timeout} (500 ms), so {@code /health} answers within a second even when Redis hangs (a stopped
 * process accepts connections but never answers) and reports it DOWN. Never blocks: the PING is asynchronous. When
 * this is DOWN, sends are refused with 503 RATE_LIMITER_UNAVAILABLE.
 */
@Singleton
public class RedisHealthIndicator implements HealthIndicator {

    private final RedisConnector redis;
    private final Duration timeout;

    public RedisHealthIndicator(RedisConnector redis, IngressConfiguration config) {
        this.redis = redis;
        this.timeout = config.getRedisHealthTimeout();
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Mono.fromFuture(() -> redis.commands()
                        .thenCompose(commands -> commands.ping().toCompletableFuture())
                        .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS))
                .map(pong -> HealthResult.builder("redis", HealthStatus.UP).details(Map.of("ping", pong)).build())
                .onErrorResume(e -> Mono.just(HealthResult.builder("redis", HealthStatus.DOWN)
                        .details(Map.of("error", e instanceof TimeoutException
                                ? "no answer to PING within " + timeout.toMillis() + " ms"
                                : String.valueOf(e.getMessage()))).build()));
    }
}

package io.switchboard.ingress.ratelimit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.micronaut.configuration.lettuce.DefaultRedisConfiguration;
import io.switchboard.ingress.IngressConfiguration;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The ingress's one Redis connection (Lettuce, async, configured by {@code redis.uri}). Commands issued while Redis is
 * unreachable fail at once instead of queueing (a request must be refused quickly, and a queued increment replayed
 * minutes later would count a request that was already refused). The connection is opened lazily and re-opened on
 * the next request after a failed attempt, so the service starts, and recovers, without Redis.
 */
@Singleton
public class RedisConnector implements AutoCloseable {

    private final RedisClient client;
    private final RedisURI uri;
    private final AtomicReference<CompletableFuture<StatefulRedisConnection<String, String>>> connection =
            new AtomicReference<>();

    @Inject
    public RedisConnector(RedisClient client, DefaultRedisConfiguration redis, IngressConfiguration config) {
        this(client, redis.getUri().orElse(redis), config.getRateLimiterTimeout());
    }

    public RedisConnector(RedisClient client, RedisURI uri, Duration commandTimeout) {
        this.client = client;
        this.uri = uri;
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
                .build());
    }

    /** Async commands on the shared connection, connecting first if needed. */
    public CompletableFuture<RedisAsyncCommands<String, String>> commands() {
        CompletableFuture<StatefulRedisConnection<String, String>> current = connection.get();
        if (current == null || current.isCompletedExceptionally()) {
            CompletableFuture<StatefulRedisConnection<String, String>> attempt = new CompletableFuture<>();
            if (connection.compareAndSet(current, attempt)) {
                client.connectAsync(StringCodec.UTF8, uri).whenComplete((opened, failure) -> {
                    if (failure != null) {
                        attempt.completeExceptionally(failure);
                    } else {
                        attempt.complete(opened);
                    }
                });
            }
            current = connection.get();
        }
        return current.thenApply(StatefulRedisConnection::async);
    }

    @PreDestroy
    @Override
    public void close() {
        CompletableFuture<StatefulRedisConnection<String, String>> current = connection.getAndSet(null);
        if (current != null) {
            current.thenAccept(StatefulRedisConnection::closeAsync);
        }
    }
}

package io.switchboard.dispatcher;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The dispatcher's one Redis connection (Lettuce, async). Commands issued while Redis is unreachable fail at once
 * instead of queueing: a pacing permit granted minutes late is worthless, and the caller pauses and asks again. The
 * connection is opened lazily and re-opened after a failure, so the dispatcher starts, and recovers, without Redis.
 * Scripts run by SHA and are loaded on first use (or after Redis restarted and lost them). It remembers whether the
 * last command was answered, which the health indicator reports.
 */
public final class RedisConnector implements AutoCloseable {

    private final RedisClient client;
    private final RedisURI uri;
    private final AtomicReference<CompletableFuture<StatefulRedisConnection<String, String>>> connection =
            new AtomicReference<>();
    private final AtomicReference<Throwable> lastFailure = new AtomicReference<>();

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
        if (current == null || current.isCompletedExceptionally()
                || (current.isDone() && !current.join().isOpen())) {
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

    /** Runs {@code call} on the shared connection and remembers whether Redis answered (for the health check). */
    public <T> CompletableFuture<T> run(Function<RedisAsyncCommands<String, String>, CompletionStage<T>> call) {
        return track(commands().thenCompose(call));
    }

    /** Whether the last command got an answer. */
    public boolean reachable() {
        return lastFailure.get() == null;
    }

    public Throwable lastFailure() {
        return lastFailure.get();
    }

    private <T> CompletableFuture<T> track(CompletableFuture<T> call) {
        return call.whenComplete((value, failure) -> lastFailure.set(failure));
    }

    /** Runs {@code script} (by SHA, loading it when Redis does not know it). */
    public <T> CompletableFuture<T> eval(LuaScript script, ScriptOutputType type, String[] keys, String... args) {
        return track(evalUntracked(script, type, keys, args));
    }

    private <T> CompletableFuture<T> evalUntracked(LuaScript script, ScriptOutputType type, String[] keys,
            String... args) {
        return commands().thenCompose(redis -> redis.<T>evalsha(script.sha(), type, keys, args).toCompletableFuture()
                .exceptionallyCompose(failure -> {
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure;
                    if (String.valueOf(cause.getMessage()).contains("NOSCRIPT")) {
                        return redis.<T>eval(script.source(), type, keys, args).toCompletableFuture();
                    }
                    return CompletableFuture.failedFuture(cause);
                }));
    }

    @Override
    public void close() {
        CompletableFuture<StatefulRedisConnection<String, String>> current = connection.getAndSet(null);
        if (current != null) {
            current.thenAccept(StatefulRedisConnection::closeAsync);
        }
    }
}

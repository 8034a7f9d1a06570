package io.switchboard.ingress.ratelimit;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.switchboard.ingress.IngressConfiguration;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Checks and counts any number of counters in one Redis round trip with {@link MultiCounterScript}: EVALSHA, and
 * EVAL only when Redis answers NOSCRIPT (after a restart or SCRIPT FLUSH; EVAL also caches the script again). Fails
 * the future when Redis is unreachable, errs or does not answer within {@code rate-limiter-timeout}: the caller must
 * then refuse the request, never let it through unchecked.
 */
@Singleton
public class RedisRateLimiter {

    private final RedisConnector redis;
    private final Duration timeout;

    @Inject
    public RedisRateLimiter(RedisConnector redis, IngressConfiguration config) {
        this(redis, config.getRateLimiterTimeout());
    }

    public RedisRateLimiter(RedisConnector redis, Duration timeout) {
        this.redis = redis;
        this.timeout = timeout;
    }

    public CompletableFuture<CounterResults> check(List<CounterSpec> counters) {
        String[] keys = new String[counters.size()];
        String[] args = new String[counters.size() * 2];
        for (int i = 0; i < counters.size(); i++) {
            CounterSpec counter = counters.get(i);
            keys[i] = counter.redisKey();
            args[2 * i] = Long.toString(counter.limit());
            args[2 * i + 1] = Long.toString(counter.ttlMillis());
        }
        return redis.commands()
                .thenCompose(commands -> run(commands, keys, args))
                .thenApply(reply -> CounterResults.fromScriptReply(reply, counters.size()))
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static CompletionStage<List<Object>> run(RedisAsyncCommands<String, String> commands, String[] keys,
                                                     String[] args) {
        return commands.<List<Object>>evalsha(MultiCounterScript.sha1(), ScriptOutputType.MULTI, keys, args)
                .toCompletableFuture()
                .exceptionallyCompose(failure -> unwrap(failure) instanceof RedisNoScriptException
                        ? commands.<List<Object>>eval(MultiCounterScript.source(), ScriptOutputType.MULTI, keys, args)
                        : CompletableFuture.failedFuture(failure));
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}

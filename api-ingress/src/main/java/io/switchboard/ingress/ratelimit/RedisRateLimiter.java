package io.switchboard.ingress.ratelimit;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.switchboard.ingress.IngressConfiguration;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Runs the send gate ({@link SendGate}: idempotency claim, customer-service window, any number of counters) in one
 * Redis round trip with {@link MultiCounterScript}: EVALSHA, and
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

    /** Checks and counts {@code counters} (no window, no idempotency). */
    public CompletableFuture<CounterResults> check(List<CounterSpec> counters) {
        return gate(SendGate.counters(counters)).thenApply(GateResult::counters);
    }

    /** Runs the whole send gate (idempotency, window, counters) in one round trip. */
    public CompletableFuture<GateResult> gate(SendGate gate) {
        List<CounterSpec> counters = gate.counters();
        List<String> keys = new ArrayList<>();
        List<String> args = new ArrayList<>();
        args.add(Integer.toString(counters.size()));
        args.add(gate.count() ? "count" : "peek");
        args.add(gate.windowKey() == null ? "0" : "1");
        args.add(gate.idempotency() == null ? "" : gate.idempotency().bodyHash());
        args.add(gate.idempotency() == null ? "0" : Long.toString(gate.idempotency().inFlightTtlMillis()));
        for (CounterSpec counter : counters) {
            keys.add(counter.redisKey());
            args.add(Long.toString(counter.limit()));
            args.add(Long.toString(counter.ttlMillis()));
        }
        if (gate.windowKey() != null) {
            keys.add(gate.windowKey());
        }
        if (gate.idempotency() != null) {
            keys.add(gate.idempotency().redisKey());
        }
        if (gate.onPass() != null) {
            keys.add(gate.onPass().redisKey());
            args.add(gate.onPass().value());
            args.add(Long.toString(gate.onPass().ttlMillis()));
        }
        String[] keyArray = keys.toArray(String[]::new);
        String[] argArray = args.toArray(String[]::new);
        return redis.commands()
                .thenCompose(commands -> run(commands, keyArray, argArray))
                .thenApply(reply -> GateResult.fromScriptReply(reply, counters.size()))
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

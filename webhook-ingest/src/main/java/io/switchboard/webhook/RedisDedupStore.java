package io.switchboard.webhook;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.micronaut.configuration.lettuce.DefaultRedisConfiguration;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The Redis side of deduplication: three Lua scripts, each one round trip for a whole POST (EVALSHA, falling back to
 * EVAL when the server has not cached the script, e.g. after a restart).
 *
 * <p>A key holds either the claiming request's id (while its records are being published, with a short TTL) or
 * {@code seen} (once Kafka acknowledged them, with the dedup TTL). The connection is opened lazily and re-opened
 * after a failure, and commands fail at once while Redis is unreachable instead of queueing, so the service starts,
 * answers and recovers without Redis.
 */
@Singleton
public class RedisDedupStore implements AutoCloseable {

    /** Per key: SET NX with the claim TTL; answers 1 claimed, 0 seen or listed earlier in this batch, 2 in flight. */
    static final String CLAIM = """
            local verdicts = {}
            for i, key in ipairs(KEYS) do
              if redis.call('SET', key, ARGV[1], 'NX', 'PX', ARGV[2]) then
                verdicts[i] = 1
              else
                local holder = redis.call('GET', key)
                if holder == 'seen' or holder == ARGV[1] then verdicts[i] = 0 else verdicts[i] = 2 end
              end
            end
            return verdicts
            """;

    /** After Kafka's acknowledgement: the keys become {@code seen} for the dedup TTL. */
    static final String CONFIRM = """
            for _, key in ipairs(KEYS) do redis.call('SET', key, 'seen', 'PX', ARGV[1]) end
            return #KEYS
            """;

    /** After a failed publication: drops the keys this request still holds, so Meta's redelivery is published. */
    static final String RELEASE = """
            local released = 0
            for _, key in ipairs(KEYS) do
              if redis.call('GET', key) == ARGV[1] then released = released + redis.call('DEL', key) end
            end
            return released
            """;

    private static final Map<String, String> SHA1 = Map.of(CLAIM, sha1(CLAIM), CONFIRM, sha1(CONFIRM),
            RELEASE, sha1(RELEASE));

    private final RedisClient client;
    private final RedisURI uri;
    private final AtomicReference<CompletableFuture<StatefulRedisConnection<String, String>>> connection =
            new AtomicReference<>();

    @Inject
    RedisDedupStore(RedisClient client, DefaultRedisConfiguration redis, DedupConfig config) {
        this(client, redis.getUri().orElse(redis), config.dedupTimeout());
    }

    RedisDedupStore(RedisClient client, RedisURI uri, Duration commandTimeout) {
        this.client = client;
        this.uri = uri;
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
                .build());
    }

    /** One verdict per key, in order: 1 claimed by {@code token}, 0 duplicate, 2 claimed by another request. */
    CompletableFuture<List<Long>> claim(List<String> keys, String token, Duration claimTtl) {
        return run(CLAIM, keys, token, Long.toString(claimTtl.toMillis()));
    }

    CompletableFuture<Long> confirm(List<String> keys, Duration ttl) {
        return run(CONFIRM, keys, Long.toString(ttl.toMillis()));
    }

    CompletableFuture<Long> release(List<String> keys, String token) {
        return run(RELEASE, keys, token);
    }

    /** PING, for the health indicator. */
    CompletableFuture<String> ping() {
        return commands().thenCompose(redis -> redis.ping().toCompletableFuture());
    }

    @SuppressWarnings("unchecked")
    private <T> CompletableFuture<T> run(String script, List<String> keys, String... args) {
        String[] keyArray = keys.toArray(String[]::new);
        ScriptOutputType type = script.equals(CLAIM) ? ScriptOutputType.MULTI : ScriptOutputType.INTEGER;
        String sha = SHA1.get(script);
        return commands().thenCompose(redis -> redis.<T>evalsha(sha, type, keyArray, args).toCompletableFuture()
                .exceptionallyCompose(error -> unwrap(error) instanceof RedisNoScriptException
                        ? redis.<T>eval(script, type, keyArray, args).toCompletableFuture()
                        : CompletableFuture.failedFuture(error)));
    }

    private CompletableFuture<RedisAsyncCommands<String, String>> commands() {
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

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    private static String sha1(String script) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(script.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
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

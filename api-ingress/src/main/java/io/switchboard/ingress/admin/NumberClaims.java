package io.switchboard.ingress.admin;

import io.lettuce.core.ScriptOutputType;
import io.micronaut.core.annotation.Nullable;
import io.switchboard.ingress.IngressConfiguration;
import io.switchboard.ingress.ratelimit.RedisConnector;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The Redis side of number ownership ({@code admin/number-claim.lua}): {@code pn:<phoneNumberId>} holds the account
 * that claimed the number. Two admin requests on two instances claiming one number at once: the script lets exactly
 * one of them through. A claim is pending (expires after the claim TTL) until its record is on the phone-numbers
 * topic, then confirmed (kept); a release deletes it only when it is still the releasing account's. The topic stays
 * the table everyone reads; this key only decides races, and start-up writes the table back into it.
 */
@Singleton
public class NumberClaims {

    static final String SCRIPT = load("admin/number-claim.lua");

    private final RedisConnector redis;
    private final Duration timeout;

    public NumberClaims(RedisConnector redis, IngressConfiguration config) {
        this.redis = redis;
        this.timeout = config.getRateLimiterTimeout();
    }

    static String key(String phoneNumberId) {
        return "pn:" + phoneNumberId;
    }

    /** Claims the number for the account (pending for {@code ttl}); completes with the owner after the call. */
    public CompletableFuture<String> claim(String phoneNumberId, String accountId, @Nullable String replaceable,
                                           Duration ttl) {
        return run(phoneNumberId, "claim", accountId, Long.toString(ttl.toMillis()),
                replaceable == null ? "" : replaceable).thenApply(String::valueOf);
    }

    /** Keeps the account's claim for good: its record is on the topic. */
    public CompletableFuture<Void> confirm(String phoneNumberId, String accountId) {
        return run(phoneNumberId, "confirm", accountId, "0", "").thenApply(done -> null);
    }

    /** Removes the claim when it is still the account's. */
    public CompletableFuture<Void> release(String phoneNumberId, String accountId) {
        return run(phoneNumberId, "release", accountId, "0", "").thenApply(done -> null);
    }

    /** Writes the table's owner into Redis, whatever the key held: the topic is the truth. */
    public CompletableFuture<Void> restore(String phoneNumberId, String accountId) {
        return redis.commands()
                .thenCompose(commands -> commands.set(key(phoneNumberId), accountId).toCompletableFuture())
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .<Void>thenApply(ok -> null)
                .exceptionallyCompose(NumberClaims::unavailable);
    }

    private CompletableFuture<Object> run(String phoneNumberId, String... args) {
        String[] keys = {key(phoneNumberId)};
        return redis.commands()
                .thenCompose(commands -> commands.<Object>eval(SCRIPT, ScriptOutputType.VALUE, keys, args)
                        .toCompletableFuture())
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionallyCompose(NumberClaims::unavailable);
    }

    private static <T> CompletableFuture<T> unavailable(Throwable failure) {
        return CompletableFuture.failedFuture(new Unavailable(failure));
    }

    /** Redis could not answer: ownership cannot be decided, so nothing may be claimed. */
    public static final class Unavailable extends RuntimeException {
        Unavailable(Throwable cause) {
            super("Redis cannot decide number claims right now", cause);
        }

        /** Whether {@code failure} (possibly wrapped by a future) is one. */
        static boolean causes(Throwable failure) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                if (t instanceof Unavailable) {
                    return true;
                }
            }
            return false;
        }
    }

    private static String load(String resource) {
        try (InputStream in = NumberClaims.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

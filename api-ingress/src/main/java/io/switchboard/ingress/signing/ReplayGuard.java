package io.switchboard.ingress.signing;

import io.lettuce.core.SetArgs;
import io.switchboard.ingress.IngressConfiguration;
import io.switchboard.ingress.ratelimit.RedisConnector;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Each verified signature is accepted once: {@code SET sig:{keyId}:<hex> 1 NX PX 600000} claims it for ten minutes,
 * the whole span in which its timestamp can be fresh (five minutes of skew either way). One extra round trip, paid
 * only by signed requests; the key shares the hash tag of the key's rate-limit counters, so it can later be folded
 * into the limits script. Fails the future when Redis cannot answer: the caller must refuse, never skip the check.
 */
@Singleton
public class ReplayGuard {

    static final Duration REMEMBER = SignatureVerifier.MAX_SKEW.multipliedBy(2);

    private final RedisConnector redis;
    private final Duration timeout;

    public ReplayGuard(RedisConnector redis, IngressConfiguration config) {
        this.redis = redis;
        this.timeout = config.getRateLimiterTimeout();
    }

    /** True when this is the first use of the signature, false when it was seen before. */
    public CompletableFuture<Boolean> claim(String replayKey) {
        return redis.commands()
                .thenCompose(commands -> commands.set(replayKey, "1", SetArgs.Builder.nx().px(REMEMBER.toMillis())))
                .thenApply("OK"::equals)
                .toCompletableFuture()
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}

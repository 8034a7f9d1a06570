package io.switchboard.ingress.window;

import io.lettuce.core.ScriptOutputType;
import io.switchboard.ingress.ratelimit.RedisConnector;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * Opens a customer's window in Redis when they message a business number: the key {@link CustomerWindows#redisKey}
 * expires 24 h after the customer's message ({@code window/open-window.lua}: atomic, never shortens a later expiry,
 * never more than 24 h ahead of Redis's clock).
 */
@Singleton
public class CustomerWindowWriter {

    static final String SCRIPT = load();

    private final RedisConnector redis;

    public CustomerWindowWriter(RedisConnector redis) {
        this.redis = redis;
    }

    /** Completes with true when the window's expiry moved, false when it was already later (or long closed). */
    public CompletableFuture<Boolean> open(String phoneNumberId, String customer, Instant messageSentAt) {
        String closesAt = Long.toString(messageSentAt.plus(CustomerWindows.LENGTH).toEpochMilli());
        return redis.commands()
                .thenCompose(c -> c.<Long>eval(SCRIPT, ScriptOutputType.INTEGER,
                        new String[] {CustomerWindows.redisKey(phoneNumberId, customer)}, closesAt)
                        .toCompletableFuture())
                .thenApply(changed -> changed != null && changed == 1L);
    }

    private static String load() {
        try (InputStream in = CustomerWindowWriter.class.getClassLoader()
                .getResourceAsStream("window/open-window.lua")) {
            if (in == null) {
                throw new IllegalStateException("missing resource window/open-window.lua");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

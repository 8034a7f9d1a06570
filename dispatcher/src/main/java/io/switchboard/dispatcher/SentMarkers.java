package io.switchboard.dispatcher;

import io.lettuce.core.SetArgs;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * "This message was already handed to WhatsApp" markers, shared through Redis: {@code sent:{messageId}} holds the
 * wamid (or {@link #ACCEPTED} when WhatsApp answered 2xx without one, or {@link #IN_DOUBT} when the request was written
 * and never answered), for {@code sent-marker-ttl}. A marker is written before the outcome event is published, so
 * before the offset can be committed: a command redelivered after a crash or a rebalance finds it and is not sent
 * again. A message with no marker was never accepted by a call whose answer we saw.
 */
public final class SentMarkers {

    public static final String IN_DOUBT = "in-doubt";
    public static final String ACCEPTED = "accepted";

    private final RedisConnector redis;
    private final Duration ttl;

    public SentMarkers(RedisConnector redis, Duration ttl) {
        this.redis = redis;
        this.ttl = ttl;
    }

    /** The marker of {@code messageId}, if it has one. */
    public CompletableFuture<Optional<String>> lookup(String messageId) {
        return redis.run(commands -> commands.get(key(messageId))).thenApply(Optional::ofNullable);
    }

    /** Records {@code value} (a wamid, {@link #ACCEPTED} or {@link #IN_DOUBT}) for {@code messageId}. */
    public CompletableFuture<Void> record(String messageId, String value) {
        return redis.run(commands -> commands.set(key(messageId), value, SetArgs.Builder.px(ttl.toMillis())))
                .thenApply(ok -> null);
    }

    static String key(String messageId) {
        return "sent:{" + messageId + "}";
    }
}

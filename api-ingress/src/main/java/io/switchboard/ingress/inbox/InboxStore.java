package io.switchboard.ingress.inbox;

import io.lettuce.core.ScriptOutputType;
import io.micronaut.core.annotation.Nullable;
import io.switchboard.ingress.ratelimit.RedisConnector;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Inbound messages per business number in Redis ({@link InboxKeys}): kept by one script call per message
 * ({@code inbox/store-inbound.lua}, which also trims the retention and the maximum count, indexes included), listed
 * by one script call per page ({@code inbox/list-inbound.lua}), and asked "did this number receive media X" with
 * one HEXISTS, and deleted whole when the number leaves its account ({@code inbox/purge-inbox.lua}). Keeping the same
 * wamid again overwrites it (a redelivered or re-read message is listed once).
 */
@Singleton
public class InboxStore {

    static final String STORE_SCRIPT = load("inbox/store-inbound.lua");
    static final String LIST_SCRIPT = load("inbox/list-inbound.lua");
    static final String PURGE_SCRIPT = load("inbox/purge-inbox.lua");

    private final RedisConnector redis;
    private final InboxConfiguration config;
    private final Clock clock;

    public InboxStore(RedisConnector redis, InboxConfiguration config, Clock clock) {
        this.redis = redis;
        this.config = config;
        this.clock = clock;
    }

    /** One message as listed, and its position. */
    public record Entry(InboxQuery.Position position, String json) {
    }

    /** A page: up to the limit's entries, and whether more follow. */
    public record Page(List<Entry> entries, boolean hasMore) {
    }

    /** Completes with false when the message is already older than the retention (nothing kept). */
    public CompletableFuture<Boolean> keep(String phoneNumberId, String from, String wamid, Instant receivedAt,
                                           String json, @Nullable String mediaId) {
        long cutoff = clock.millis() - config.getRetention().toMillis();
        String[] keys = {InboxKeys.all(phoneNumberId), InboxKeys.sender(phoneNumberId, from),
                InboxKeys.messages(phoneNumberId), InboxKeys.media(phoneNumberId)};
        String[] args = {wamid, Long.toString(receivedAt.toEpochMilli()), json, mediaId == null ? "" : mediaId,
                Long.toString(cutoff), Integer.toString(config.getMaxMessages()),
                Long.toString(config.getRetention().toMillis()), InboxKeys.senderPrefix(phoneNumberId)};
        return redis.commands()
                .thenCompose(c -> c.<Long>eval(STORE_SCRIPT, ScriptOutputType.INTEGER, keys, args).toCompletableFuture())
                .thenApply(kept -> kept != null && kept == 1L);
    }

    /** One page of the number's inbox, newest first, within the query's filters. */
    public CompletableFuture<Page> page(String phoneNumberId, InboxQuery query) {
        long cutoff = clock.millis() - config.getRetention().toMillis();
        long min = query.since() == null ? cutoff : Math.max(cutoff, query.since().toEpochMilli());
        long max = query.until() == null ? Long.MAX_VALUE / 2 : query.until().toEpochMilli() - 1;
        String cursorScore = "";
        String cursorWamid = "";
        InboxQuery.Position cursor = query.cursor();
        if (cursor != null) {
            cursorScore = Long.toString(cursor.receivedAtMillis());
            cursorWamid = cursor.wamid();
        }
        if (max < min) {
            return CompletableFuture.completedFuture(new Page(List.of(), false));
        }
        String set = query.from() == null ? InboxKeys.all(phoneNumberId) : InboxKeys.sender(phoneNumberId, query.from());
        String[] keys = {set, InboxKeys.messages(phoneNumberId)};
        String[] args = {Long.toString(max), Long.toString(min), Integer.toString(query.limit()), cursorScore,
                cursorWamid};
        int limit = query.limit();
        return redis.commands()
                .thenCompose(c -> c.<List<Object>>eval(LIST_SCRIPT, ScriptOutputType.MULTI, keys, args)
                        .toCompletableFuture())
                .thenApply(flat -> page(flat, limit));
    }

    /** Whether a message of this number carried the media id. */
    public CompletableFuture<Boolean> receivedMedia(String phoneNumberId, String mediaId) {
        return redis.commands()
                .thenCompose(c -> c.hexists(InboxKeys.media(phoneNumberId), mediaId).toCompletableFuture())
                .thenApply(Boolean.TRUE::equals);
    }

    /** Deletes the number's inbox (when the number leaves its account); completes with the messages deleted. */
    public CompletableFuture<Long> purge(String phoneNumberId) {
        String[] keys = {InboxKeys.all(phoneNumberId), InboxKeys.messages(phoneNumberId),
                InboxKeys.media(phoneNumberId)};
        String[] args = {InboxKeys.senderPrefix(phoneNumberId)};
        return redis.commands()
                .thenCompose(c -> c.<Long>eval(PURGE_SCRIPT, ScriptOutputType.INTEGER, keys, args).toCompletableFuture());
    }

    private static Page page(List<Object> flat, int limit) {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i + 2 < flat.size(); i += 3) {
            long score = (long) Double.parseDouble(String.valueOf(flat.get(i + 1)));
            entries.add(new Entry(new InboxQuery.Position(score, String.valueOf(flat.get(i))),
                    String.valueOf(flat.get(i + 2))));
        }
        boolean more = entries.size() > limit;
        return new Page(more ? entries.subList(0, limit) : entries, more);
    }

    private static String load(String resource) {
        try (InputStream in = InboxStore.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

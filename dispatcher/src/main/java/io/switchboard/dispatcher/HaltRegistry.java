package io.switchboard.dispatcher;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.switchboard.schemas.avro.ErrorInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Business numbers halted by a HALT verdict (token, permission, policy, payment, configuration codes), shared by
 * every dispatcher instance through Redis: {@code pace:{phoneNumberId}:halt} holds the first halting error as JSON
 * and has no expiry, because only an operator knows when the cause is fixed. The pacing script refuses slots of a
 * halted number ({@link NumberPacer}), so every instance stops sending to it on its next slot request; messages for
 * it wait, uncommitted, and go out once an operator clears the halt ({@code POST /admin/halts/{id}/clear}).
 */
public final class HaltRegistry {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RedisConnector redis;

    public HaltRegistry(RedisConnector redis) {
        this.redis = redis;
    }

    /** Halts {@code phoneNumberId} unless it is already halted (the first cause is kept); true if newly halted. */
    public CompletableFuture<Boolean> halt(String phoneNumberId, ErrorInfo error, String messageId) {
        Map<String, Object> halt = new LinkedHashMap<>();
        halt.put("phone_number_id", phoneNumberId);
        halt.put("code", error == null ? null : error.getCode());
        halt.put("title", error == null ? null : error.getTitle());
        halt.put("detail", error == null ? null : error.getDetail());
        halt.put("message_id", messageId);
        halt.put("halted_at", Instant.now().toString());
        String value = write(halt);
        return redis.commands().thenCompose(commands -> commands.set(key(phoneNumberId), value, SetArgs.Builder.nx())
                .toCompletableFuture()).thenApply("OK"::equals);
    }

    /** Clears the halt of {@code phoneNumberId}; true if it was halted. */
    public CompletableFuture<Boolean> clear(String phoneNumberId) {
        return redis.commands().thenCompose(commands -> commands.del(key(phoneNumberId)).toCompletableFuture())
                .thenApply(deleted -> deleted > 0);
    }

    /** Every halted number with its cause, in no particular order. */
    public CompletableFuture<List<Map<String, Object>>> list() {
        return redis.commands().thenCompose(commands -> scan(commands, ScanCursor.INITIAL, new ArrayList<>()))
                .thenCompose(keys -> keys.isEmpty() ? CompletableFuture.completedFuture(List.of())
                        : redis.commands().thenCompose(commands -> commands.mget(keys.toArray(String[]::new))
                                .toCompletableFuture())
                        .thenApply(values -> values.stream().filter(v -> v.hasValue())
                                .map(v -> read(v.getValue())).toList()));
    }

    private CompletableFuture<List<String>> scan(RedisAsyncCommands<String, String> commands, ScanCursor cursor,
            List<String> found) {
        return commands.scan(cursor, ScanArgs.Builder.matches("pace:*:halt").limit(500)).toCompletableFuture()
                .thenCompose((KeyScanCursor<String> page) -> {
                    found.addAll(page.getKeys());
                    return page.isFinished() ? CompletableFuture.completedFuture(found)
                            : scan(commands, page, found);
                });
    }

    static String key(String phoneNumberId) {
        return "pace:{" + phoneNumberId + "}:halt";
    }

    private static String write(Map<String, Object> value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> read(String value) {
        try {
            return JSON.readValue(value, Map.class);
        } catch (JsonProcessingException e) {
            return Map.of("unreadable", value);
        }
    }
}

package io.switchboard.dispatcher;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.switchboard.schemas.avro.ErrorInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * How a halt is kept in Redis, for numbers ({@link HaltRegistry}) and accounts ({@link AccountHalts}) alike: one key
 * per halted scope holding the first halting error as JSON (what was halted, WhatsApp's code, title and detail, the
 * message that met it, when), and the operators' listing of every such key (a keyspace scan, for the admin API only).
 */
final class HaltRecords {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HaltRecords() {
    }

    /** The record of a halt: {@code scope} names what was halted (e.g. phone_number_id, account_id), in that order. */
    static Map<String, Object> of(Map<String, String> scope, ErrorInfo error, String messageId) {
        Map<String, Object> halt = new LinkedHashMap<>(scope);
        halt.put("code", error == null ? null : error.getCode());
        halt.put("title", error == null ? null : error.getTitle());
        halt.put("detail", error == null ? null : error.getDetail());
        halt.put("message_id", messageId);
        halt.put("halted_at", Instant.now().toString());
        return halt;
    }

    /** Every halt whose key matches {@code pattern} (e.g. {@code pace:*:halt}), with its cause, in no order. */
    static CompletableFuture<List<Map<String, Object>>> list(RedisConnector redis, String pattern) {
        return redis.commands().thenCompose(commands -> scan(commands, pattern, ScanCursor.INITIAL, new ArrayList<>()))
                .thenCompose(keys -> keys.isEmpty() ? CompletableFuture.completedFuture(List.of())
                        : redis.commands().thenCompose(commands -> commands.mget(keys.toArray(String[]::new))
                                .toCompletableFuture())
                        .thenApply(values -> values.stream().filter(v -> v.hasValue())
                                .map(v -> read(v.getValue())).toList()));
    }

    private static CompletableFuture<List<String>> scan(RedisAsyncCommands<String, String> commands, String pattern,
            ScanCursor cursor, List<String> found) {
        return commands.scan(cursor, ScanArgs.Builder.matches(pattern).limit(500)).toCompletableFuture()
                .thenCompose((KeyScanCursor<String> page) -> {
                    found.addAll(page.getKeys());
                    return page.isFinished() ? CompletableFuture.completedFuture(found)
                            : scan(commands, pattern, page, found);
                });
    }

    static String write(Map<String, Object> value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> read(String value) {
        try {
            return JSON.readValue(value, Map.class);
        } catch (JsonProcessingException e) {
            return Map.of("unreadable", value);
        }
    }
}

package io.switchboard.dispatcher;

import io.lettuce.core.SetArgs;
import io.switchboard.schemas.avro.ErrorInfo;
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

    private final RedisConnector redis;

    public HaltRegistry(RedisConnector redis) {
        this.redis = redis;
    }

    /** Halts {@code phoneNumberId} unless it is already halted (the first cause is kept); true if newly halted. */
    public CompletableFuture<Boolean> halt(String phoneNumberId, ErrorInfo error, String messageId) {
        String value = HaltRecords.write(HaltRecords.of(Map.of("phone_number_id", phoneNumberId), error, messageId));
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
        return HaltRecords.list(redis, "pace:*:halt");
    }

    static String key(String phoneNumberId) {
        return "pace:{" + phoneNumberId + "}:halt";
    }
}

package io.switchboard.ingress.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lettuce.core.SetArgs;
import io.micronaut.core.annotation.Nullable;
import io.switchboard.ingress.IngressConfiguration;
import io.switchboard.ingress.ratelimit.RedisConnector;
import io.switchboard.ingress.ratelimit.SendGate;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finishes what the send gate claimed: after a 202 the in-flight marker is replaced by the answer
 * ({@code D|<bodyHash>|<json>}, kept {@code idempotency-ttl}, default 24 h); after a failure that queued nothing it is
 * deleted, so the client's retry is processed anew. A failure to write either is logged and left to the marker's
 * short TTL: the client already has its answer, and a retry then meets 409 for at most that long.
 */
@Singleton
public class IdempotencyStore {

    private static final Logger LOG = LoggerFactory.getLogger(IdempotencyStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RedisConnector redis;
    private final Duration ttl;

    public IdempotencyStore(RedisConnector redis, IngressConfiguration config) {
        this.redis = redis;
        this.ttl = config.getIdempotencyTtl();
    }

    /** Stores the accepted answer for replays. */
    public CompletableFuture<Void> complete(SendGate.IdempotencyClaim claim, StoredAnswer answer) {
        String value = "D|" + claim.bodyHash() + "|" + answer.toJson();
        return redis.commands()
                .thenCompose(c -> c.set(claim.redisKey(), value, SetArgs.Builder.px(ttl.toMillis())))
                .<Void>thenApply(ok -> null)
                .exceptionally(failure -> {
                    LOG.warn("Could not store an idempotent answer: {}", failure.toString());
                    return null;
                });
    }

    /** Forgets the claim of a request that queued nothing. */
    public CompletableFuture<Void> release(SendGate.IdempotencyClaim claim) {
        return redis.commands()
                .thenCompose(c -> c.del(claim.redisKey()))
                .<Void>thenApply(ok -> null)
                .exceptionally(failure -> {
                    LOG.warn("Could not release an idempotency claim: {}", failure.toString());
                    return null;
                });
    }

    /**
     * The part of a 202 answer that is replayed.
     *
     * @param messageId the queued message
     * @param to recipient
     * @param reference client's reference
     * @param warnings warnings of the first answer
     */
    public record StoredAnswer(String messageId, String to, @Nullable String reference, List<String> warnings) {

        String toJson() {
            ObjectNode node = JSON.createObjectNode();
            node.put("message_id", messageId);
            node.put("to", to);
            node.put("reference", reference);
            warnings.forEach(node.putArray("warnings")::add);
            return node.toString();
        }

        /** Reads what {@link #toJson()} wrote. */
        public static StoredAnswer fromJson(String json) {
            try {
                JsonNode node = JSON.readTree(json);
                List<String> warnings = new ArrayList<>();
                node.path("warnings").forEach(w -> warnings.add(w.asText()));
                JsonNode reference = node.get("reference");
                return new StoredAnswer(node.get("message_id").asText(), node.get("to").asText(),
                        reference == null || reference.isNull() ? null : reference.asText(), warnings);
            } catch (JsonProcessingException | RuntimeException e) {
                throw new IllegalStateException("unreadable idempotent answer", e);
            }
        }
    }
}

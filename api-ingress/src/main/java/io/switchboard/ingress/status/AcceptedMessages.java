package io.switchboard.ingress.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lettuce.core.KeyValue;
import io.micronaut.core.annotation.Nullable;
import io.switchboard.ingress.ratelimit.RedisConnector;
import io.switchboard.ingress.ratelimit.SendGate;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * What the ingress itself knows of the messages it accepted, until the projector has applied them: a short-lived
 * Redis record per message ({@code acc:<messageId>}, {@code accepted-ttl}) set by the send gate in its one round trip
 * when a send passes ({@link #record}), removed again when Kafka did not take the command (nobody was given the id).
 * A status query that the projector answers "unknown" right after the 202 answers {@code queued} from it.
 */
@Singleton
public class AcceptedMessages {

    static final String KEY_PREFIX = "acc:";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RedisConnector redis;
    private final OutboundConfiguration config;

    public AcceptedMessages(RedisConnector redis, OutboundConfiguration config) {
        this.redis = redis;
        this.config = config;
    }

    /** One accepted message as its record tells it. */
    public record Accepted(String messageId, String accountId, String to, @Nullable String reference,
                           @Nullable String type, Instant acceptedAt) {
    }

    /** The record the send gate sets when {@code messageId}'s send passes. */
    public SendGate.PassRecord record(UUID messageId, String accountId, String to, @Nullable String reference,
                                      String kind, Instant acceptedAt) {
        ObjectNode value = JSON.createObjectNode();
        value.put("account_id", accountId);
        value.put("to", to);
        value.put("reference", reference);
        value.put("type", typeOf(kind));
        value.put("accepted_at_ms", acceptedAt.toEpochMilli());
        return new SendGate.PassRecord(KEY_PREFIX + messageId, value.toString(), config.getAcceptedTtl().toMillis());
    }

    /** The records of those {@code messageIds} that have one (one MGET); fails when Redis cannot answer. */
    public CompletableFuture<Map<String, Accepted>> find(Collection<String> messageIds) {
        if (messageIds.isEmpty()) {
            return CompletableFuture.completedFuture(Map.of());
        }
        String[] keys = messageIds.stream().map(id -> KEY_PREFIX + id).toArray(String[]::new);
        return redis.commands()
                .thenCompose(c -> c.mget(keys).toCompletableFuture())
                .thenApply(AcceptedMessages::parse);
    }

    /** Drops the record of a message that was not queued after all. */
    public CompletableFuture<Void> forget(UUID messageId) {
        return redis.commands().thenCompose(c -> c.del(KEY_PREFIX + messageId).toCompletableFuture())
                .thenApply(deleted -> null);
    }

    private static Map<String, Accepted> parse(List<KeyValue<String, String>> values) {
        Map<String, Accepted> found = new HashMap<>();
        for (KeyValue<String, String> entry : values) {
            if (entry.hasValue()) {
                String messageId = entry.getKey().substring(KEY_PREFIX.length());
                try {
                    JsonNode node = JSON.readTree(entry.getValue());
                    found.put(messageId, new Accepted(messageId, node.path("account_id").asText(),
                            node.path("to").asText(), text(node, "reference"), text(node, "type"),
                            Instant.ofEpochMilli(node.path("accepted_at_ms").asLong())));
                } catch (IOException e) {
                    // an unreadable record is as good as none: the projector's answer stands
                }
            }
        }
        return found;
    }

    @Nullable
    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** The public type of a send's kind label ({@code media_image} is an image, every interactive one interactive). */
    static String typeOf(String kind) {
        return MessageStatusMapper.publicType(kind.startsWith("media_") ? kind.substring("media_".length()) : kind);
    }
}

package io.switchboard.dispatcher;

import io.lettuce.core.SetArgs;
import io.switchboard.schemas.avro.SendCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * One message id, one message: the first command seen with a message id claims it in Redis
 * ({@code claim:{messageId}} = SHA-256 of the command's content, kept {@code sent-marker-ttl}). The same command
 * again (a redelivery after a crash, a producer's retry, a dead-letter replay) matches its own claim and goes on to
 * the sent-marker check, which keeps it from being sent twice; a different command with a claimed id is a duplicate
 * and is rejected, leaving the first one untouched. Shared by every dispatcher instance through Redis.
 */
final class MessageIdClaims {

    private final RedisConnector redis;
    private final Duration ttl;

    MessageIdClaims(RedisConnector redis, Duration ttl) {
        this.redis = redis;
        this.ttl = ttl;
    }

    /** True when {@code command} holds (or just took) its message id; false when another command holds it. */
    CompletableFuture<Boolean> claim(SendCommand command) {
        String key = key(command.getMessageId());
        String fingerprint = fingerprint(command);
        return redis.run(c -> c.set(key, fingerprint, SetArgs.Builder.nx().px(ttl.toMillis())))
                .thenCompose(set -> "OK".equals(set) ? CompletableFuture.completedFuture(true)
                        : redis.<String>run(c -> c.get(key)).thenApply(held -> held == null || held.equals(fingerprint)));
    }

    static String key(String messageId) {
        return "claim:{" + messageId + "}";
    }

    static String fingerprint(SendCommand command) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(bytes, null);
            new SpecificDatumWriter<>(SendCommand.class).write(command, encoder);
            encoder.flush();
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

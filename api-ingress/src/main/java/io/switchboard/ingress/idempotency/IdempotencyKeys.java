package io.switchboard.ingress.idempotency;

import io.micronaut.core.annotation.Nullable;
import io.switchboard.ingress.auth.ApiKeyHashes;
import io.switchboard.ingress.http.ApiError;
import io.switchboard.ingress.ratelimit.SendGate;
import io.switchboard.ingress.send.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The rules of the {@code Idempotency-Key} header (Novu-style): 1 to 255 printable ASCII characters, scoped to the
 * API key (two keys may use the same value independently). The Redis key holds the SHA-256 of the value, never the
 * value itself ({@code idem:{keyId}:<sha256>}, hash-tagged like the key's rate-limit counters so one script call can
 * touch both); the body hash is the SHA-256 of the endpoint name and the raw body bytes, so the same value reused on
 * another endpoint or with another body is refused.
 */
public final class IdempotencyKeys {

    public static final String HEADER = "Idempotency-Key";
    private static final Pattern VALID = Pattern.compile("[\\x21-\\x7E]{1,255}");

    private IdempotencyKeys() {
    }

    /** The claim for a request, or null without the header; throws VALIDATION_ERROR for a malformed value. */
    @Nullable
    public static SendGate.IdempotencyClaim claim(@Nullable String header, String keyId, String endpoint,
                                                  byte[] body, Duration inFlightTtl) {
        if (header == null) {
            return null;
        }
        if (!VALID.matcher(header).matches()) {
            throw new InvalidRequestException(ApiError.validation(
                    "Idempotency-Key must be 1 to 255 printable ASCII characters without spaces"));
        }
        String redisKey = "idem:{" + keyId + "}:" + ApiKeyHashes.sha256Hex(header);
        return new SendGate.IdempotencyClaim(redisKey, bodyHash(endpoint, body), inFlightTtl.toMillis());
    }

    static String bodyHash(String endpoint, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(endpoint.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(body);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}

package io.switchboard.ingress.signing;

import io.micronaut.core.annotation.Nullable;
import io.switchboard.ingress.http.ApiError;
import io.switchboard.ingress.http.ErrorCode;
import io.switchboard.schemas.avro.ApiKey;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides a request's signature once its key is known, before its body is read. Requests of unusable keys (unknown,
 * inactive, expired) are left to the authenticator's 401. Without signature headers a request passes unless its key
 * requires signing (SIGNATURE_REQUIRED); with them the signature must be well-formed and match (INVALID_SIGNATURE),
 * and only then is the timestamp checked against five minutes of clock skew either way (SIGNATURE_EXPIRED), so that
 * answer is only ever given to the secret's holder. A verified request still has to pass the replay check.
 */
@Singleton
public class SignatureVerifier {

    public static final Duration MAX_SKEW = Duration.ofMinutes(5);
    private static final Logger LOG = LoggerFactory.getLogger(SignatureVerifier.class);
    private static final Pattern TIMESTAMP = Pattern.compile("[0-9]{1,12}");
    private static final Pattern SIGNATURE = Pattern.compile("sha256=[0-9a-fA-F]{64}");

    private final SecretVault vault;

    public SignatureVerifier(SecretVault vault) {
        this.vault = vault;
    }

    /** The verdict; {@code key} is the presented key's record when it is usable, else null. */
    public Verdict verify(@Nullable ApiKey key, @Nullable String timestamp, @Nullable String signature,
                          String method, String pathWithQuery, byte[] body, Instant now) {
        if (key == null) {
            return Verdict.UNSIGNED;
        }
        if (timestamp == null && signature == null) {
            return key.getRequireSignature()
                    ? refuse(ErrorCode.SIGNATURE_REQUIRED, "This API key requires signed requests: send X-Timestamp "
                            + "and X-Signature (see the request-signing guide)")
                    : Verdict.UNSIGNED;
        }
        if (timestamp == null || signature == null) {
            return refuse(ErrorCode.INVALID_SIGNATURE, "Send both X-Timestamp and X-Signature");
        }
        if (!TIMESTAMP.matcher(timestamp).matches()) {
            return refuse(ErrorCode.INVALID_SIGNATURE, "X-Timestamp must be the Unix time in seconds");
        }
        if (!SIGNATURE.matcher(signature).matches()) {
            return refuse(ErrorCode.INVALID_SIGNATURE, "X-Signature must be sha256= followed by 64 hex digits");
        }
        String secret;
        try {
            secret = vault.secretOf(key);
        } catch (IllegalStateException e) {
            return refuse(ErrorCode.MASTER_KEY_NOT_CONFIGURED,
                    "Signed requests cannot be verified: the server has no master key configured");
        } catch (IllegalArgumentException e) {
            LOG.error("The stored secret of API key {} does not decrypt under the configured master key: {}",
                    key.getKeyId(), e.getMessage());
            return refuse(ErrorCode.INTERNAL_ERROR, "The signature could not be verified");
        }
        if (secret == null) {
            return refuse(ErrorCode.INVALID_SIGNATURE, "This API key has no signing secret");
        }
        if (!RequestSignatures.matches(signature, secret, timestamp, method, pathWithQuery, body)) {
            return refuse(ErrorCode.INVALID_SIGNATURE, "The signature does not match the request");
        }
        long skew = Math.abs(now.getEpochSecond() - Long.parseLong(timestamp));
        if (skew > MAX_SKEW.toSeconds()) {
            return refuse(ErrorCode.SIGNATURE_EXPIRED, "X-Timestamp is more than " + MAX_SKEW.toMinutes()
                    + " minutes away from the server's time; sign the request again");
        }
        return new Verdict(null, replayKey(key.getKeyId(), signature));
    }

    /** Redis key marking a used signature; the hash tag puts it in the slot of the key's rate-limit counters. */
    static String replayKey(String keyId, String signature) {
        return "sig:{" + keyId + "}:" + signature.substring(RequestSignatures.PREFIX.length()).toLowerCase(Locale.ROOT);
    }

    private static Verdict refuse(ErrorCode code, String message) {
        return new Verdict(ApiError.of(code, message), null);
    }

    /**
     * A refusal, a verified signature still to be checked for replay, or an unsigned request that may proceed.
     *
     * @param error the refusal; null when the request may go on
     * @param replayKey the Redis key to claim for a verified signature; null for unsigned requests
     */
    public record Verdict(@Nullable ApiError error, @Nullable String replayKey) {

        static final Verdict UNSIGNED = new Verdict(null, null);

        public boolean isRefused() {
            return error != null;
        }
    }
}

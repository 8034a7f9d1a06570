package io.switchboard.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks Meta's {@code X-Hub-Signature-256} header: {@code "sha256=" + hex(HMAC-SHA256(appSecret, rawBody))}.
 *
 * <p>Rules: the HMAC is computed over the exact bytes received (never re-serialized JSON, which would change
 * whitespace, escapes and key order); the expected and presented digests are compared in constant time
 * ({@link MessageDigest#isEqual}) so response timing leaks nothing about the secret; anything that is not exactly
 * {@code sha256=} followed by 64 hex digits (either case) is rejected without comparing.
 */
public final class SignatureVerifier {

    /** The header Meta signs every webhook POST with. */
    public static final String HEADER = "X-Hub-Signature-256";

    private static final String PREFIX = "sha256=";
    private static final String ALGORITHM = "HmacSHA256";
    private static final int DIGEST_BYTES = 32;

    private final SecretKeySpec key;

    public SignatureVerifier(String appSecret) {
        if (appSecret == null || appSecret.isEmpty()) {
            throw new IllegalArgumentException("the app secret must not be empty");
        }
        this.key = new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** Whether {@code header} is a valid signature of {@code body}; false for a missing or malformed header. */
    public boolean verify(byte[] body, String header) {
        if (body == null || header == null || !header.startsWith(PREFIX)) {
            return false;
        }
        byte[] presented = decodeHex(header.substring(PREFIX.length()));
        if (presented == null) {
            return false;
        }
        return MessageDigest.isEqual(hmac(body), presented);
    }

    /** The header value Meta would send for {@code body}; used by tests and by tools that replay payloads. */
    public String sign(byte[] body) {
        StringBuilder hex = new StringBuilder(PREFIX.length() + DIGEST_BYTES * 2).append(PREFIX);
        for (byte b : hmac(body)) {
            hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return hex.toString();
    }

    private byte[] hmac(byte[] body) {
        try {
            // A Mac is not thread-safe and cheap to create; one per call keeps the verifier shareable.
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }

    /** Exactly 64 hex digits to 32 bytes, or null when the text is anything else. */
    private static byte[] decodeHex(String hex) {
        if (hex.length() != DIGEST_BYTES * 2) {
            return null;
        }
        byte[] bytes = new byte[DIGEST_BYTES];
        for (int i = 0; i < DIGEST_BYTES; i++) {
            int high = Character.digit(hex.charAt(2 * i), 16);
            int low = Character.digit(hex.charAt(2 * i + 1), 16);
            if (high < 0 || low < 0) {
                return null;
            }
            bytes[i] = (byte) ((high << 4) | low);
        }
        return bytes;
    }
}

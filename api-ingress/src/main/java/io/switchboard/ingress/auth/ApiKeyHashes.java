package io.switchboard.ingress.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * API keys are stored only as the hex SHA-256 of the full key; the id and display prefix of a key derive from it, so
 * the same key always maps to the same record (a restart overwrites rather than duplicates).
 */
public final class ApiKeyHashes {

    /** One digest per thread: looking the algorithm up on every request (twice per send) showed in the profile. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(ApiKeyHashes::newSha256);
    private static final HexFormat HEX = HexFormat.of();

    private ApiKeyHashes() {
    }

    /** Lower-case hex SHA-256 of the key's UTF-8 bytes. */
    public static String sha256Hex(String apiKey) {
        return HEX.formatHex(SHA256.get().digest(apiKey.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The record id of a key: the first 16 hex digits of its hash. */
    public static String keyId(String apiKey) {
        return sha256Hex(apiKey).substring(0, 16);
    }

    /** What may be shown of a key: its first 12 characters ("pk_live_a1b2"). */
    public static String displayPrefix(String apiKey) {
        return apiKey.length() <= 12 ? apiKey : apiKey.substring(0, 12);
    }
}

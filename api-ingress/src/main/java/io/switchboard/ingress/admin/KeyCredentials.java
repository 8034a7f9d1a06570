package io.switchboard.ingress.admin;

import java.security.SecureRandom;

/**
 * A new key and secret: {@code pk_live_} and {@code sk_live_} followed by 32 characters drawn uniformly from
 * [a-z0-9] with {@link SecureRandom} (about 165 bits each). They exist in clear only in the creation response.
 *
 * @param apiKey the key the client sends in X-API-Key
 * @param apiSecret the secret the client signs with
 */
public record KeyCredentials(String apiKey, String apiSecret) {

    static final String KEY_PREFIX = "pk_live_";
    static final String SECRET_PREFIX = "sk_live_";
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final int LENGTH = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    public static KeyCredentials generate() {
        return new KeyCredentials(KEY_PREFIX + random(), SECRET_PREFIX + random());
    }

    private static String random() {
        StringBuilder out = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            out.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "KeyCredentials[<redacted>]";
    }
}

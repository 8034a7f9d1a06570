package io.switchboard.schemas.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts API secrets with AES-256-GCM under the master key: a fresh random 12-byte IV per secret, a 128-bit tag,
 * stored as base64(iv | ciphertext | tag). GCM authenticates as well as hides, so a tampered or foreign value fails
 * to decrypt instead of yielding a wrong secret. Error messages never contain the key or the plaintext.
 */
public final class SecretCipher {

    public static final int KEY_BYTES = 32;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    private SecretCipher(byte[] keyBytes) {
        this.key = new SecretKeySpec(keyBytes, "AES");
    }

    /** The cipher of a base64 master key; refuses anything that is not exactly 32 bytes. */
    public static SecretCipher fromBase64(String masterKey) {
        return fromBase64(masterKey, "the master key");
    }

    /** As {@link #fromBase64(String)}, naming the configuration key in the refusal (never the value). */
    public static SecretCipher fromBase64(String masterKey, String configKey) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(masterKey.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(configKey + " is not valid base64 "
                    + "(generate one with: openssl rand -base64 32)");
        }
        if (bytes.length != KEY_BYTES) {
            throw new IllegalArgumentException(configKey + " must be the base64 of 32 bytes, not "
                    + bytes.length + " (generate one with: openssl rand -base64 32)");
        }
        return new SecretCipher(bytes);
    }

    /** base64(iv | ciphertext | tag) of the secret's UTF-8 bytes. */
    public String encrypt(String secret) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length)
                    .put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    /** The secret; throws {@link IllegalArgumentException} when the value is malformed, tampered or foreign. */
    public String decrypt(String encrypted) {
        byte[] all;
        try {
            all = Base64.getDecoder().decode(encrypted);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("encrypted secret is not base64");
        }
        if (all.length < IV_BYTES + TAG_BITS / 8) {
            throw new IllegalArgumentException("encrypted secret is too short");
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
            return new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("encrypted secret does not decrypt under the master key");
        }
    }
}

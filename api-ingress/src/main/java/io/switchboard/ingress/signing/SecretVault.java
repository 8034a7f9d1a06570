package io.switchboard.ingress.signing;

import io.switchboard.schemas.crypto.SecretCipher;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;
import io.switchboard.schemas.avro.ApiKey;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The master key in use, if any: encrypts new secrets and decrypts a key's stored secret for signature checks. A
 * decrypted secret is cached per key id (checked against the stored ciphertext, so a re-keyed record is decrypted
 * again) and lives only in memory; nothing here is ever logged. Created at start-up ({@link Context}), so a malformed
 * master key stops the service at once rather than at the first request.
 */
@Context
public class SecretVault {

    private final SecretCipher cipher;
    private final Map<String, Cached> secrets = new ConcurrentHashMap<>();

    public SecretVault(MasterKeyConfiguration config) {
        this.cipher = config.isConfigured() ? SecretCipher.fromBase64(config.getMasterKey(),
                "switchboard.ingress.master-key") : null;
    }

    public boolean isConfigured() {
        return cipher != null;
    }

    /** The encrypted form of a new secret; only when {@link #isConfigured()}. */
    public String encrypt(String secret) {
        if (cipher == null) {
            throw new IllegalStateException("no master key configured");
        }
        return cipher.encrypt(secret);
    }

    /**
     * The key's secret, or null when the key has none. Throws {@link IllegalStateException} without a master key and
     * {@link IllegalArgumentException} when the stored value does not decrypt.
     */
    @Nullable
    public String secretOf(ApiKey key) {
        String encrypted = key.getEncryptedSecret();
        if (encrypted == null) {
            return null;
        }
        Cached cached = secrets.get(key.getKeyId());
        if (cached != null && cached.encrypted().equals(encrypted)) {
            return cached.secret();
        }
        if (cipher == null) {
            throw new IllegalStateException("no master key configured");
        }
        String secret = cipher.decrypt(encrypted);
        secrets.put(key.getKeyId(), new Cached(encrypted, secret));
        return secret;
    }

    /** Drops a deleted key's cached secret. */
    public void forget(String keyId) {
        secrets.remove(keyId);
    }

    private record Cached(String encrypted, String secret) {
        @Override
        public String toString() {
            return "Cached[<redacted>]";
        }
    }
}

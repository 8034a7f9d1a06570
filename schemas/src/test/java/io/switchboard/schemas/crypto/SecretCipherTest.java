package io.switchboard.schemas.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretCipherTest {

    private static final String MASTER = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String SECRET = "sk_live_x9y8z7w6v5u4t3s2r1q0p9o8n7m6l5k4";

    @Test
    void aSecretRoundTripsAsIvCiphertextAndTagInBase64() {
        SecretCipher cipher = SecretCipher.fromBase64(MASTER);

        String encrypted = cipher.encrypt(SECRET);

        assertThat(Base64.getDecoder().decode(encrypted)).hasSize(12 + SECRET.length() + 16);
        assertThat(encrypted).doesNotContain(SECRET);
        assertThat(cipher.decrypt(encrypted)).isEqualTo(SECRET);
        assertThat(cipher.encrypt(SECRET)).as("fresh IV each time").isNotEqualTo(encrypted);
    }

    @Test
    void aTamperedValueOrAnotherMasterKeyDoesNotDecrypt() {
        String encrypted = SecretCipher.fromBase64(MASTER).encrypt(SECRET);
        byte[] bytes = Base64.getDecoder().decode(encrypted);
        bytes[20] ^= 1;
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;

        assertThatThrownBy(() -> SecretCipher.fromBase64(MASTER).decrypt(Base64.getEncoder().encodeToString(bytes)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SecretCipher.fromBase64(Base64.getEncoder().encodeToString(otherKey))
                .decrypt(encrypted)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SecretCipher.fromBase64(MASTER).decrypt("not base64!"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SecretCipher.fromBase64(MASTER).decrypt("AAAA"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMasterKeyMustBeBase64OfExactly32BytesAndIsNeverEchoed() {
        String short16 = Base64.getEncoder().encodeToString(new byte[16]);

        assertThatThrownBy(() -> SecretCipher.fromBase64(short16))
                .hasMessageContaining("32 bytes, not 16").hasMessageNotContaining(short16);
        assertThatThrownBy(() -> SecretCipher.fromBase64("my-secret-master-key!"))
                .hasMessageContaining("not valid base64").hasMessageNotContaining("my-secret-master-key");
    }
}

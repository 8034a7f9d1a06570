package io.switchboard.ingress.signing;

import io.switchboard.schemas.crypto.SecretCipher;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.ingress.http.ErrorCode;
import io.switchboard.schemas.avro.ApiKey;
import io.switchboard.schemas.avro.Permission;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignatureVerifierTest {

    private static final String MASTER = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String SECRET = "sk_live_abcdefghijklmnopqrstuvwxyz012345";
    private static final Instant NOW = Instant.parse("2025-12-19T10:00:00Z");
    private static final String TS = Long.toString(NOW.getEpochSecond());
    private static final String PATH = "/api/v1/external/messages/text";
    private static final byte[] BODY = "{\"to\":\"+919876543210\",\"message\":\"hi\"}".getBytes(StandardCharsets.UTF_8);

    private final SignatureVerifier verifier = new SignatureVerifier(vault(MASTER));

    private static SecretVault vault(String master) {
        MasterKeyConfiguration config = new MasterKeyConfiguration();
        config.setMasterKey(master);
        return new SecretVault(config);
    }

    private static ApiKey key(boolean requireSignature, boolean withSecret) {
        return ApiKey.newBuilder().setKeyId("0123456789abcdef").setKeyHash("h").setKeyPrefix("pk_live_abcd")
                .setName("k").setAccountId("a").setPermissions(List.of(Permission.SEND_TEXT))
                .setCreatedAt(NOW).setRequireSignature(requireSignature)
                .setEncryptedSecret(withSecret ? SecretCipher.fromBase64(MASTER).encrypt(SECRET) : null).build();
    }

    private SignatureVerifier.Verdict verify(ApiKey key, String ts, String signature, Instant now) {
        return verifier.verify(key, ts, signature, "POST", PATH, BODY, now);
    }

    private static String signed(String ts) {
        return RequestSignatures.sign(SECRET, ts, "POST", PATH, BODY);
    }

    private static ErrorCode code(SignatureVerifier.Verdict verdict) {
        return verdict.error() == null ? null : verdict.error().code();
    }

    @Test
    void unsignedRequestsPassUnlessTheKeyRequiresSigningAndUnusableKeysAreLeftToTheAuthenticator() {
        assertThat(verify(key(false, true), null, null, NOW)).isEqualTo(SignatureVerifier.Verdict.UNSIGNED);
        assertThat(code(verify(key(true, true), null, null, NOW))).isEqualTo(ErrorCode.SIGNATURE_REQUIRED);
        assertThat(verify(null, TS, "sha256=bad", NOW)).isEqualTo(SignatureVerifier.Verdict.UNSIGNED);
    }

    @Test
    void aGoodSignatureWithinFiveMinutesIsVerifiedAndMustBeClaimedAgainstReplay() {
        for (long skew : new long[] {-300, 0, 300}) {
            String ts = Long.toString(NOW.getEpochSecond() + skew);
            SignatureVerifier.Verdict verdict = verify(key(true, true), ts, signed(ts), NOW);
            assertThat(verdict.isRefused()).as("skew " + skew).isFalse();
            assertThat(verdict.replayKey()).isEqualTo("sig:{0123456789abcdef}:"
                    + signed(ts).substring("sha256=".length()));
        }
        assertThat(verify(key(false, true), TS, signed(TS), NOW).replayKey()).isNotNull();
    }

    @Test
    void malformedMismatchedAndStaleSignaturesAreRefused() {
        ApiKey key = key(false, true);
        String stale = Long.toString(NOW.getEpochSecond() - 301);
        String future = Long.toString(NOW.getEpochSecond() + 301);

        assertThat(code(verify(key, TS, null, NOW))).isEqualTo(ErrorCode.INVALID_SIGNATURE);
        assertThat(code(verify(key, null, signed(TS), NOW))).isEqualTo(ErrorCode.INVALID_SIGNATURE);
        assertThat(code(verify(key, "2025-12-19T10:00:00Z", signed(TS), NOW))).isEqualTo(ErrorCode.INVALID_SIGNATURE);
        assertThat(code(verify(key, TS, signed(TS).substring(7), NOW))).isEqualTo(ErrorCode.INVALID_SIGNATURE);
        assertThat(code(verify(key, TS, "sha256=" + "0".repeat(64), NOW))).isEqualTo(ErrorCode.INVALID_SIGNATURE);
        assertThat(code(verify(key, TS, signed(stale), NOW))).isEqualTo(ErrorCode.INVALID_SIGNATURE);
        assertThat(code(verify(key, stale, signed(stale), NOW))).isEqualTo(ErrorCode.SIGNATURE_EXPIRED);
        assertThat(code(verify(key, future, signed(future), NOW))).isEqualTo(ErrorCode.SIGNATURE_EXPIRED);
    }

    @Test
    void aKeyWithoutSecretOrAServerWithoutMasterKeyCannotVerify() {
        assertThat(code(verify(key(false, false), TS, signed(TS), NOW))).isEqualTo(ErrorCode.INVALID_SIGNATURE);
        SignatureVerifier unconfigured = new SignatureVerifier(vault(null));
        assertThat(code(unconfigured.verify(key(true, true), TS, signed(TS), "POST", PATH, BODY, NOW)))
                .isEqualTo(ErrorCode.MASTER_KEY_NOT_CONFIGURED);
        SignatureVerifier otherMaster = new SignatureVerifier(vault(Base64.getEncoder().encodeToString(
                "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII))));
        assertThat(code(otherMaster.verify(key(true, true), TS, signed(TS), "POST", PATH, BODY, NOW)))
                .isEqualTo(ErrorCode.INTERNAL_ERROR);
    }
}

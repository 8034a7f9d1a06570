package io.switchboard.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SignatureVerifierTest {

    private static final String SECRET = "8f2a6c0e4b7d9a1c3e5f7a9b0d2c4e6f";
    private static final byte[] BODY =
            "{\"object\":\"whatsapp_business_account\",\"entry\":[]}".getBytes(StandardCharsets.UTF_8);
    /** HMAC-SHA256(SECRET, BODY), computed independently: {@code printf %s "$BODY" | openssl dgst -sha256 -hmac}. */
    private static final String KNOWN_SIGNATURE =
            "sha256=74315eb7d425639602485d1eb465c71a9b90c52816d736e50383aaa6325d3040";

    private final SignatureVerifier verifier = new SignatureVerifier(SECRET);

    @Test
    void acceptsTheSignatureOfTheExactBody() {
        assertThat(verifier.verify(BODY, verifier.sign(BODY))).isTrue();
    }

    @Test
    void matchesAnIndependentlyComputedHmac() {
        assertThat(verifier.sign(BODY)).isEqualTo(KNOWN_SIGNATURE);
        assertThat(verifier.verify(BODY, KNOWN_SIGNATURE)).isTrue();
    }

    @Test
    void acceptsUpperCaseHexDigits() {
        String signature = verifier.sign(BODY);
        String upper = "sha256=" + signature.substring("sha256=".length()).toUpperCase(Locale.ROOT);
        assertThat(verifier.verify(BODY, upper)).isTrue();
    }

    @Test
    void refusesASignatureMadeWithAnotherSecret() {
        String forged = new SignatureVerifier("another-secret").sign(BODY);
        assertThat(verifier.verify(BODY, forged)).isFalse();
    }

    @Test
    void refusesASignatureOfAnotherBody() {
        byte[] reserialized = "{\"object\": \"whatsapp_business_account\", \"entry\": []}"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(verifier.verify(reserialized, verifier.sign(BODY))).as("same JSON, other bytes").isFalse();
    }

    @Test
    void refusesTheRightDigestWithoutItsPrefix() {
        String digestOnly = verifier.sign(BODY).substring("sha256=".length());
        assertThat(verifier.verify(BODY, digestOnly)).isFalse();
        assertThat(verifier.verify(BODY, "sha1=" + digestOnly)).isFalse();
        assertThat(verifier.verify(BODY, "SHA256=" + digestOnly)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sha256=", "sha256=abc", "sha256=zz", KNOWN_SIGNATURE + "0",
            "sha256=74315eb7d425639602485d1eb465c71a9b90c52816d736e50383aaa6325d304", // odd length
            "sha256=7g315eb7d425639602485d1eb465c71a9b90c52816d736e50383aaa6325d3040", // not hex
            "sha256= 74315eb7d425639602485d1eb465c71a9b90c52816d736e50383aaa6325d3040", // space
            "sha256=74315eb7d425639602485d1eb465c71a9b90c52816d736e50383aaa6325d3041"}) // one digit off
    void refusesMalformedSignatures(String header) {
        assertThat(verifier.verify(BODY, header)).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    void refusesAMissingSignature(String header) {
        assertThat(verifier.verify(BODY, header)).isFalse();
    }

    @Test
    void signsAnEmptyBodyLikeAnyOther() {
        byte[] empty = new byte[0];
        assertThat(verifier.verify(empty, verifier.sign(empty))).isTrue();
        assertThat(verifier.verify(empty, verifier.sign(BODY))).isFalse();
    }
}

package io.switchboard.ingress.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The guide's Java example is this class's {@link #sign} (the test checks the guide contains it verbatim), and it,
 * the server's algorithm and the guide agree on test vectors computed independently with
 * {@code openssl dgst -sha256 -hmac}.
 */
class RequestSigningDocTest {

    static final String SECRET = "sk_live_x9y8z7w6v5u4t3s2r1q0p9o8n7m6l5k4";
    static final long TIMESTAMP = 1766138400L;
    static final String POST_PATH = "/api/v1/external/messages/text";
    static final byte[] POST_BODY = ("{\"to\":\"+919876543210\",\"message\":\"Hello! This is a test message from the "
            + "API.\",\"reference\":\"test-msg-001\"}").getBytes(StandardCharsets.UTF_8);
    static final String POST_SIGNATURE = "sha256=9449943ecf128fa6f0acef223eb61519c50d9fbec6f9158027b7471f826d7b67";
    static final String GET_PATH = "/api/v1/external/messages/550e8400-e29b-41d4-a716-446655440000?fields=all";
    static final String GET_SIGNATURE = "sha256=9b2e540e9797b14bd9bb7bbbd10c4cd51613d547bbfe22ecd29549ba3c11e725";

    // BEGIN documented example
    public static String sign(String secret, long timestamp, String method, String pathWithQuery, byte[] body)
            throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((timestamp + "\n" + method.toUpperCase() + "\n" + pathWithQuery + "\n")
                .getBytes(StandardCharsets.UTF_8));
        mac.update(body);
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal());
    }
    // END documented example

    @Test
    void theDocumentedJavaExampleProducesTheOpensslVectors() throws Exception {
        assertThat(sign(SECRET, TIMESTAMP, "POST", POST_PATH, POST_BODY)).isEqualTo(POST_SIGNATURE);
        assertThat(sign(SECRET, TIMESTAMP, "GET", GET_PATH, new byte[0])).isEqualTo(GET_SIGNATURE);
    }

    @Test
    void theServerAlgorithmProducesTheSameVectors() {
        assertThat(RequestSignatures.sign(SECRET, Long.toString(TIMESTAMP), "POST", POST_PATH, POST_BODY))
                .isEqualTo(POST_SIGNATURE);
        assertThat(RequestSignatures.sign(SECRET, Long.toString(TIMESTAMP), "get", GET_PATH, new byte[0]))
                .isEqualTo(GET_SIGNATURE);
    }

    @Test
    void theGuideContainsTheTestedExampleAndTheVectors() throws IOException {
        String guide = Files.readString(Path.of("docs/request-signing.md"));
        String source = Files.readString(Path.of("src/test/java/io/switchboard/ingress/signing/"
                + "RequestSigningDocTest.java"));
        String example = source.substring(source.indexOf("// BEGIN documented example\n") + 28,
                source.indexOf("    // END documented example"));

        assertThat(guide).contains(example).contains(POST_SIGNATURE).contains(GET_SIGNATURE).contains(GET_PATH)
                .contains(new String(POST_BODY, StandardCharsets.UTF_8)).contains(SECRET);
    }

    @Test
    void anyChangeToTheSignedPartsBreaksTheSignatureAndHexCaseDoesNot() {
        String ts = Long.toString(TIMESTAMP);
        assertThat(RequestSignatures.matches(POST_SIGNATURE, SECRET, ts, "POST", POST_PATH, POST_BODY)).isTrue();
        assertThat(RequestSignatures.matches(POST_SIGNATURE.toUpperCase().replace("SHA256=", "sha256="), SECRET, ts,
                "POST", POST_PATH, POST_BODY)).isTrue();
        byte[] otherBody = POST_BODY.clone();
        otherBody[10] ^= 1;
        assertThat(RequestSignatures.matches(POST_SIGNATURE, SECRET, ts, "POST", POST_PATH, otherBody)).isFalse();
        assertThat(RequestSignatures.matches(POST_SIGNATURE, SECRET, ts, "PUT", POST_PATH, POST_BODY)).isFalse();
        assertThat(RequestSignatures.matches(POST_SIGNATURE, SECRET, ts, "POST", POST_PATH + "?x=1", POST_BODY))
                .isFalse();
        assertThat(RequestSignatures.matches(POST_SIGNATURE, SECRET, "1766138401", "POST", POST_PATH, POST_BODY))
                .isFalse();
        assertThat(RequestSignatures.matches(POST_SIGNATURE, SECRET + "x", ts, "POST", POST_PATH, POST_BODY))
                .isFalse();
    }
}

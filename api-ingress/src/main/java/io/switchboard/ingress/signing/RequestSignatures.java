package io.switchboard.ingress.signing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signing algorithm (docs/request-signing.md): {@code X-Signature = "sha256=" + hex(HMAC-SHA256(secret,
 * timestamp + "\n" + METHOD + "\n" + path-with-query + "\n" + raw body))}, keyed with the UTF-8 bytes of the whole
 * secret ({@code sk_live_...}). The body is taken as the exact bytes sent, never re-serialized, so client and server
 * agree whatever the JSON formatting. Comparison is constant-time.
 */
public final class RequestSignatures {

    public static final String PREFIX = "sha256=";

    private RequestSignatures() {
    }

    /** The bytes that are signed. */
    public static byte[] canonical(String timestamp, String method, String pathWithQuery, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + pathWithQuery.length() + 32);
        out.writeBytes((timestamp + "\n" + method.toUpperCase(Locale.ROOT) + "\n" + pathWithQuery + "\n")
                .getBytes(StandardCharsets.UTF_8));
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** The {@code X-Signature} value for this request. */
    public static String sign(String secret, String timestamp, String method, String pathWithQuery, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return PREFIX + HexFormat.of().formatHex(mac.doFinal(canonical(timestamp, method, pathWithQuery, body)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }

    /** Whether {@code presented} is this request's signature; hex case is ignored, timing does not depend on it. */
    public static boolean matches(String presented, String secret, String timestamp, String method,
                                  String pathWithQuery, byte[] body) {
        byte[] expected = sign(secret, timestamp, method, pathWithQuery, body).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, presented.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }
}

package io.switchboard.dispatcher.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signing: {@code webhook-signature = "v1," + base64(HMAC-SHA256(key, id + "." + timestamp + "." +
 * body))}, the key being the base64 part of the {@code whsec_} secret, decoded. Webhook ids are deterministic per
 * (endpoint, event), so a retry, a redelivery after a restart and an admin replay all carry the same id and a
 * receiver can drop duplicates by it.
 */
public final class WebhookSigner {

    static final String SECRET_PREFIX = "whsec_";

    private WebhookSigner() {
    }

    /** The {@code webhook-signature} header value. */
    public static String sign(String secret, String webhookId, long timestampSeconds, String body) {
        String encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        byte[] key = Base64.getDecoder().decode(encoded);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal((webhookId + "." + timestampSeconds + "." + body)
                    .getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** {@code msg_} + 32 hex characters of SHA-256(endpointId, eventKey): same endpoint and event, same id. */
    public static String webhookId(String endpointId, String eventKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((endpointId + "\n" + eventKey).getBytes(StandardCharsets.UTF_8));
            return "msg_" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}

package io.switchboard.bench.scenario;

import io.netty.handler.codec.http.HttpMethod;
import io.switchboard.bench.http.HttpOperation;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Status webhooks as Meta posts them (one entry, one change, {@code statuses[]} of one or several), each status for a
 * new wamid, signed {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256(app secret, body)>}. Unique wamids mean no
 * status is a duplicate, so every one is published (the deduplication claim is still made for each).
 */
public final class SignedWebhooks {

    private final String path;
    private final byte[] secret;
    private final int statusesPerPost;
    private final String runId = UUID.randomUUID().toString().substring(0, 8);
    private final ThreadLocal<Mac> macs;

    public SignedWebhooks(String path, String appSecret, int statusesPerPost) {
        this.path = path;
        this.secret = appSecret.getBytes(StandardCharsets.UTF_8);
        this.statusesPerPost = statusesPerPost;
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret, "HmacSHA256"));
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** The n-th POST. */
    public HttpOperation.Spec post(long n) {
        StringBuilder body = new StringBuilder(256 + statusesPerPost * 330);
        long now = System.currentTimeMillis() / 1000;
        body.append("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"100000000000001\",\"changes\":[{")
                .append("\"field\":\"messages\",\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{")
                .append("\"display_phone_number\":\"15550001234\",\"phone_number_id\":\"106540352242922\"},\"statuses\":[");
        for (int i = 0; i < statusesPerPost; i++) {
            long id = n * statusesPerPost + i;
            if (i > 0) {
                body.append(',');
            }
            body.append("{\"id\":\"wamid.BENCH").append(runId).append(id).append("\",\"status\":\"delivered\",")
                    .append("\"timestamp\":\"").append(now).append("\",\"recipient_id\":\"")
                    .append(Samples.recipient("1558", id)).append("\",\"biz_opaque_callback_data\":\"")
                    .append(new UUID(id, n).toString()).append("\",\"pricing\":{\"billable\":true,")
                    .append("\"pricing_model\":\"PMP\",\"type\":\"regular\",\"category\":\"utility\"}}");
        }
        body.append("]}}]}]}");
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        String signature = "sha256=" + HexFormat.of().formatHex(macs.get().doFinal(bytes));
        return new HttpOperation.Spec(HttpMethod.POST, path,
                Map.of("Content-Type", "application/json", "X-Hub-Signature-256", signature,
                        "User-Agent", "facebookexternalua"), bytes);
    }

    public int statusesPerPost() {
        return statusesPerPost;
    }
}

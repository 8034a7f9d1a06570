package io.switchboard.ingress.signing;

import static io.switchboard.ingress.support.IngressApp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.ingress.support.AdminCalls;
import io.switchboard.ingress.support.IngressApp;
import io.switchboard.ingress.support.LogCapture;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Signed requests over real HTTP, with keys created through the admin API and signatures made by the guide's Java
 * example: accepted once, refused when wrong, stale, replayed or missing where required; unsigned requests of keys
 * that do not require signing keep working.
 */
class SignedRequestsTest {

    private static final String PATH = "/api/v1/external/messages/text";

    private static LogCapture logs;
    private static IngressApp app;
    private static Credentials requiring;
    private static Credentials optional;

    private record Credentials(String key, String secret) {
    }

    @BeforeAll
    static void start() {
        logs = new LogCapture();
        app = IngressApp.start(Map.of("switchboard.ingress.admin-token", AdminCalls.ADMIN_TOKEN,
                "switchboard.ingress.master-key", AdminCalls.newMasterKey()));
        AdminCalls admin = new AdminCalls(app, AdminCalls.ADMIN_TOKEN);
        String accountId = admin.createAccount();
        requiring = credentials(admin.createKey("""
                {"name":"Signed","account_id":"%s","permissions":["send_text","view_messages"],
                 "rate_limit":1000,"require_signature":true}""".formatted(accountId)));
        optional = credentials(admin.createKey("""
                {"name":"Unsigned allowed","account_id":"%s","permissions":["send_text"],"rate_limit":1000}"""
                .formatted(accountId)));
    }

    @AfterAll
    static void stop() {
        app.close();
        logs.close();
    }

    private static Credentials credentials(JsonNode created) {
        return new Credentials(created.get("api_key").asText(), created.get("api_secret").asText());
    }

    private static byte[] body() {
        // A unique reference keeps two requests of the same second from having the same signature.
        return ("{\"to\":\"+919876543210\",\"message\":\"Signed hello\",\"reference\":\"" + UUID.randomUUID() + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    private static String sign(Credentials credentials, long timestamp, String method, String path, byte[] body) {
        try {
            return RequestSigningDocTest.sign(credentials.secret(), timestamp, method, path, body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> post(Credentials credentials, byte[] body, String... signing) {
        String[] headers = new String[4 + signing.length];
        headers[0] = "Content-Type";
        headers[1] = "application/json";
        headers[2] = "X-API-Key";
        headers[3] = credentials.key();
        System.arraycopy(signing, 0, headers, 4, signing.length);
        return app.send("POST", PATH, body, headers);
    }

    private static HttpResponse<String> postSigned(Credentials credentials, long timestamp, byte[] body) {
        return post(credentials, body, "X-Timestamp", Long.toString(timestamp),
                "X-Signature", sign(credentials, timestamp, "POST", PATH, body));
    }

    private static void assertRefused(HttpResponse<String> response, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(json(response).get("error").get("code").asText()).isEqualTo(code);
    }

    @Test
    void aGoodSignatureIsAcceptedOnceAndItsReplayRefused() {
        long timestamp = now();
        byte[] body = body();

        HttpResponse<String> first = postSigned(requiring, timestamp, body);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        assertRefused(postSigned(requiring, timestamp, body), "SIGNATURE_REPLAYED");
        assertThat(postSigned(requiring, now(), body()).statusCode()).isEqualTo(202);
    }

    @Test
    void aWrongSignatureIsRefused() {
        long timestamp = now();
        byte[] body = body();
        String signedForOtherBody = sign(requiring, timestamp, "POST", PATH, body());
        String signedWithOtherSecret = sign(optional, timestamp, "POST", PATH, body);

        assertRefused(post(requiring, body, "X-Timestamp", Long.toString(timestamp), "X-Signature",
                signedForOtherBody), "INVALID_SIGNATURE");
        assertRefused(post(requiring, body, "X-Timestamp", Long.toString(timestamp), "X-Signature",
                signedWithOtherSecret), "INVALID_SIGNATURE");
        assertRefused(post(optional, body, "X-Timestamp", Long.toString(timestamp + 1), "X-Signature",
                signedWithOtherSecret), "INVALID_SIGNATURE");
        assertRefused(post(requiring, body, "X-Signature", sign(requiring, timestamp, "POST", PATH, body)),
                "INVALID_SIGNATURE");
    }

    @Test
    void aStaleTimestampIsRefused() {
        assertRefused(postSigned(requiring, now() - 400, body()), "SIGNATURE_EXPIRED");
        assertRefused(postSigned(optional, now() + 400, body()), "SIGNATURE_EXPIRED");
    }

    @Test
    void aKeyThatRequiresSigningRefusesUnsignedRequests() {
        assertRefused(post(requiring, body()), "SIGNATURE_REQUIRED");
    }

    @Test
    void aKeyThatDoesNotRequireSigningAcceptsUnsignedAndSignedRequests() {
        assertThat(post(optional, body()).statusCode()).isEqualTo(202);
        assertThat(postSigned(optional, now(), body()).statusCode()).isEqualTo(202);
    }

    @Test
    void aSignedGetCoversThePathAndQueryWithAnEmptyBody() {
        String path = "/api/v1/external/messages/not-a-message-id?fields=all";
        long timestamp = now();
        String signature = sign(requiring, timestamp, "GET", path, new byte[0]);

        HttpResponse<String> good = app.send("GET", path, null, "X-API-Key", requiring.key(),
                "X-Timestamp", Long.toString(timestamp), "X-Signature", signature);
        HttpResponse<String> otherQuery = app.send("GET", path + "x", null, "X-API-Key", requiring.key(),
                "X-Timestamp", Long.toString(timestamp), "X-Signature", signature);

        assertThat(good.statusCode()).as(good.body()).isEqualTo(404);
        assertThat(json(good).get("error").get("code").asText()).isEqualTo("MESSAGE_NOT_FOUND");
        assertRefused(otherQuery, "INVALID_SIGNATURE");
    }

    @Test
    void unknownKeysAndUnknownPathsAnswerAsWithoutSigning() {
        long timestamp = now();
        HttpResponse<String> unknownKey = app.send("POST", PATH, body(), "X-API-Key", "pk_live_unknown",
                "X-Timestamp", Long.toString(timestamp), "X-Signature", "sha256=" + "0".repeat(64));
        HttpResponse<String> unknownPath = app.send("POST", "/api/v1/external/nowhere", body(),
                "X-API-Key", requiring.key(), "X-Timestamp", Long.toString(timestamp), "X-Signature", "sha256=00");

        assertRefused(unknownKey, "INVALID_API_KEY");
        assertThat(unknownPath.statusCode()).isEqualTo(404);
        assertThat(logs.lines()).noneMatch(line -> line.contains(requiring.secret())
                || line.contains(optional.secret()) || line.contains(requiring.key()));
    }
}

package io.switchboard.ingress.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

/** Admin API calls of tests against one {@link IngressApp}, with its admin token. */
public final class AdminCalls {

    public static final String ADMIN_TOKEN = "adm_test_" + UUID.randomUUID().toString().replace("-", "");

    private final IngressApp app;
    private final String token;

    public AdminCalls(IngressApp app, String token) {
        this.app = app;
        this.token = token;
    }

    /** A fresh master key: base64 of 32 random bytes, like {@code openssl rand -base64 32}. */
    public static String newMasterKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    public HttpResponse<String> call(String method, String path, String json) {
        byte[] body = json == null ? null : json.getBytes(StandardCharsets.UTF_8);
        return json == null
                ? app.send(method, path, null, "Authorization", "Bearer " + token)
                : app.send(method, path, body, "Authorization", "Bearer " + token, "Content-Type", "application/json");
    }

    /** Creates an account with a fresh id and numeric ids; returns the account id. */
    public String createAccount() {
        return createAccount(null);
    }

    /** Creates an account with a fresh id sending from {@code phoneNumberId} (a fresh one when null). */
    public String createAccount(String phoneNumberId) {
        String accountId = "acct-" + UUID.randomUUID().toString().substring(0, 8);
        String number = phoneNumberId != null ? phoneNumberId
                : Long.toString(100_000_000_000_000L + Math.abs(accountId.hashCode()));
        HttpResponse<String> response = call("POST", "/api/v1/admin/accounts", """
                {"account_id":"%s","name":"Acme Retail","waba_id":"102290129340398",
                 "phone_number_id":"%s","display_phone_number":"+15550001234"}"""
                .formatted(accountId, number));
        if (response.statusCode() != 201) {
            throw new AssertionError("account not created: " + response.statusCode() + " " + response.body());
        }
        return accountId;
    }

    /** Creates a key from a JSON body and returns the answer's data (with api_key and api_secret). */
    public JsonNode createKey(String json) {
        HttpResponse<String> response = call("POST", "/api/v1/admin/keys", json);
        if (response.statusCode() != 201) {
            throw new AssertionError("key not created: " + response.statusCode() + " " + response.body());
        }
        return IngressApp.json(response).get("data");
    }
}

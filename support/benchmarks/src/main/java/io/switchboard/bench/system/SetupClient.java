package io.switchboard.bench.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Blocking HTTP calls made before and after a measured run, never during it: creating accounts and API keys through
 * the admin API, setting the simulator's fault plan, reading its statistics and the services' metrics.
 */
public final class SetupClient {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> ALL_PERMISSIONS =
            List.of("send_text", "send_template", "send_media", "view_templates", "view_messages");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Answer of a call: status and body parsed as JSON (or null). */
    public record Answer(int status, JsonNode json, String body) {
    }

    public Answer call(String method, String url, String bearer, Object body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json");
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        String payload = body == null ? "" : body instanceof String s ? s : JSON.writeValueAsString(body);
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(payload));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            try {
                json = response.body().isBlank() ? null : JSON.readTree(response.body());
            } catch (IOException notJson) {
                // metrics and plain-text answers
            }
            return new Answer(response.statusCode(), json, response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** A POST with an API key (simulated sends while waiting for a new account's templates). */
    public Answer callWithKey(String url, String apiKey, String json) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("X-API-Key", apiKey)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), null, response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Creates (or replaces) an account with its sending number and budget. */
    public void createAccount(Target target, String accountId, String phoneNumberId, int messagesPerSecond)
            throws IOException {
        Answer a = call("POST", target.require(target.adminUrl(), "--admin-url") + "/accounts", target.adminToken(),
                java.util.Map.of("account_id", accountId, "name", "Benchmark " + accountId,
                        "waba_id", target.wabaId(), "phone_number_id", phoneNumberId,
                        "messages_per_second", messagesPerSecond));
        if (a.status() / 100 != 2) {
            throw new IOException("account " + accountId + ": HTTP " + a.status() + " " + a.body());
        }
    }

    /** Creates an API key with every permission and the highest limits the admin API allows; returns the key. */
    public String createKey(Target target, String accountId, String name) throws IOException {
        Answer a = call("POST", target.require(target.adminUrl(), "--admin-url") + "/keys", target.adminToken(),
                java.util.Map.of("name", name, "account_id", accountId, "permissions", ALL_PERMISSIONS,
                        "rate_limit", 100_000, "daily_limit", 10_000_000));
        if (a.status() != 201 || a.json() == null) {
            throw new IOException("key for " + accountId + ": HTTP " + a.status() + " " + a.body());
        }
        return a.json().path("data").path("api_key").asText();
    }

    /** {@code count} keys on one account (each with its own per-minute limit), so limits do not cap the run. */
    public List<String> createKeys(Target target, String accountId, int count) throws IOException {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            keys.add(createKey(target, accountId, "bench-" + accountId + "-" + i));
        }
        return keys;
    }
}

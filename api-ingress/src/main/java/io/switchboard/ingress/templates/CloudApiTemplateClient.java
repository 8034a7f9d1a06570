package io.switchboard.ingress.templates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Reads a WhatsApp Business account's templates from the Cloud API: {@code GET {base}/{version}/{waba-id}/message_templates}
 * with the bearer token, following {@code paging.next} (at most {@value #MAX_PAGES} pages). Non-blocking (the JDK
 * client's async API); any non-200 page or unreadable body fails the whole read, so a partial list is never taken for
 * the full one (which would delete the missing templates).
 */
@Singleton
public class CloudApiTemplateClient {

    static final int MAX_PAGES = 100;
    private static final String FIELDS = "name,language,status,category,parameter_format,components";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CloudApiConfiguration config;
    private final HttpClient http;

    public CloudApiTemplateClient(CloudApiConfiguration config) {
        this.config = config;
        this.http = HttpClient.newBuilder().connectTimeout(config.getTimeout()).build();
    }

    /** Every template of the account (the raw {@code data[]} entries). */
    public CompletableFuture<List<JsonNode>> list(String wabaId) {
        String first = config.url(URLEncoder.encode(wabaId, StandardCharsets.UTF_8) + "/message_templates?limit=100&fields="
                + URLEncoder.encode(FIELDS, StandardCharsets.UTF_8));
        return page(first, new ArrayList<>(), 1);
    }

    private CompletableFuture<List<JsonNode>> page(String url, List<JsonNode> collected, int number) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(config.getTimeout()).GET()
                .header("Accept", "application/json");
        if (config.getAccessToken() != null && !config.getAccessToken().isBlank()) {
            request.header("Authorization", "Bearer " + config.getAccessToken());
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray()).thenCompose(response -> {
            if (response.statusCode() != 200) {
                return CompletableFuture.failedFuture(new IllegalStateException("the template list answered HTTP "
                        + response.statusCode() + graphError(response.body())));
            }
            JsonNode body;
            try {
                body = JSON.readTree(response.body());
            } catch (Exception e) {
                return CompletableFuture.failedFuture(new IllegalStateException("the template list is not JSON"));
            }
            if (body == null || !body.path("data").isArray()) {
                return CompletableFuture.failedFuture(new IllegalStateException("the template list has no data[]"));
            }
            body.path("data").forEach(collected::add);
            String next = body.path("paging").path("next").asText("");
            if (next.isBlank() || body.path("data").isEmpty()) {
                return CompletableFuture.completedFuture(collected);
            }
            if (number >= MAX_PAGES) {
                return CompletableFuture.failedFuture(new IllegalStateException("the template list has too many"
                        + " pages"));
            }
            return page(next, collected, number + 1);
        });
    }

    /** ": (#100) Unsupported get request..." from Meta's error envelope (never secret), at most 300 characters. */
    private static String graphError(byte[] body) {
        try {
            String message = JSON.readTree(body).path("error").path("message").asText("");
            return message.isBlank() ? "" : ": " + (message.length() > 300 ? message.substring(0, 300) + "..."
                    : message);
        } catch (Exception e) {
            return "";
        }
    }
}

package io.switchboard.e2e.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The Cloud API simulator's control endpoints, as a test drives them: the fault plan ({@code /_sim/faults}), the send
 * counters ({@code /_sim/stats}) and the accepted sends ({@code /_sim/messages}), all over real HTTP.
 */
final class SimulatorControl {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;

    SimulatorControl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    String baseUrl() {
        return baseUrl;
    }

    /** Installs the start-up plan with {@code plan} merged over it (every count and bucket restarts). */
    JsonNode putFaults(String plan) {
        return call("PUT", "/_sim/faults", plan);
    }

    /** Back to the start-up plan. */
    JsonNode resetFaults() {
        return call("DELETE", "/_sim/faults", null);
    }

    JsonNode stats() {
        return call("GET", "/_sim/stats", null);
    }

    void resetStats() {
        call("POST", "/_sim/stats/reset", null);
    }

    /** The stats of one business number ({@code accepted}, {@code refused}, {@code max_per_second}...), or empty. */
    JsonNode numberStats(String phoneNumberId) {
        return stats().path("numbers").path(phoneNumberId);
    }

    /** How many sends of {@code phoneNumberId} the simulator refused with {@code code}. */
    long refused(String phoneNumberId, int code) {
        return numberStats(phoneNumberId).path("refused").path(String.valueOf(code)).asLong(0);
    }

    /** Accepted sends per {@code biz_opaque_callback_data} (our message id) among the last {@code limit}. */
    Map<String, Integer> acceptedByMessageId(int limit) {
        Map<String, Integer> counts = new HashMap<>();
        for (JsonNode message : call("GET", "/_sim/messages?limit=" + limit, null).path("messages")) {
            String id = message.path("biz_opaque_callback_data").asText(null);
            if (id != null) {
                counts.merge(id, 1, Integer::sum);
            }
        }
        return counts;
    }

    private JsonNode call(String method, String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(15))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new AssertionError(method + " " + path + " -> " + response.statusCode() + " " + response.body());
            }
            return response.body() == null || response.body().isBlank() ? JSON.createObjectNode()
                    : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}

package io.switchboard.simulator;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** A plain JDK HTTP client for tests, so that status codes and bodies are seen exactly as a caller sees them. */
final class SimulatorHttp {

    static final String TOKEN = "test-token";
    static final String PHONE_NUMBER_ID = "106540352242922";

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI base;
    private final JsonMapper json;

    SimulatorHttp(URI base, JsonMapper json) {
        this.base = base;
        this.json = json;
    }

    HttpResponse<String> send(String body) {
        return post("/v23.0/" + PHONE_NUMBER_ID + "/messages", "Bearer " + TOKEN, body);
    }

    HttpResponse<String> post(String path, String authorization, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return exchange(request.build());
    }

    HttpResponse<String> get(String path) {
        return exchange(HttpRequest.newBuilder(base.resolve(path)).GET().build());
    }

    HttpResponse<String> delete(String path) {
        return exchange(HttpRequest.newBuilder(base.resolve(path)).DELETE().build());
    }

    Map<String, Object> jsonOf(HttpResponse<String> response) {
        return parse(response.body());
    }

    Map<String, Object> parse(String text) {
        try {
            return json.readValue(text, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException(text, e);
        }
    }

    /** The wamid of an accepted send. */
    @SuppressWarnings("unchecked")
    String wamidOf(HttpResponse<String> response) {
        Map<String, Object> message = ((java.util.List<Map<String, Object>>) jsonOf(response).get("messages")).get(0);
        return (String) message.get("id");
    }

    private HttpResponse<String> exchange(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

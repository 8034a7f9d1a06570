package io.switchboard.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Polls an HTTP endpoint until it answers the expected status, or fails after a deadline naming what it saw. */
final class ReadinessProbe {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Duration timeout;

    ReadinessProbe(Duration timeout) {
        this.timeout = timeout;
    }

    void awaitStatus(String url, String apiKey, int expected) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET();
        if (apiKey != null) {
            request.header("X-API-Key", apiKey);
        }
        await(url, request, status -> status == expected);
    }

    /** Waits until a simulated send with {@code apiKey} is neither refused for the key (401) nor unavailable (503). */
    void awaitSimulatedSend(String url, String apiKey, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                .header("X-API-Key", apiKey).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        await(url, request, status -> status != 401 && status < 500);
    }

    private void await(String url, HttpRequest.Builder request, java.util.function.IntPredicate ready) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                if (ready.test(response.statusCode())) {
                    return;
                }
                last = "HTTP " + response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + url, e);
            }
            try {
                Thread.sleep(200); // waiting for services that are still starting; not a test
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + url, e);
            }
        }
        throw new IllegalStateException(url + " was not ready after " + timeout.toSeconds() + " s: " + last);
    }
}
